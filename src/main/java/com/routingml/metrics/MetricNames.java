package com.routingml.metrics;

/**
 * Names of the application metrics as registered in the MicroProfile Metrics application
 * registry. In Prometheus text ({@code /metrics}) they appear unchanged, with an
 * {@code mp_scope="application"} label; the two timers appear as {@code <name>_seconds} histograms
 * ({@code _bucket}, {@code _sum}, {@code _count}, plus {@code _seconds_max}).
 */
public final class MetricNames {

    public static final String UPTIME = "routing_ml_uptime_seconds";
    public static final String REQUESTS = "routing_ml_requests_total";
    public static final String ERRORS = "routing_ml_errors_total";
    public static final String PREDICTIONS = "routing_ml_predictions_total";
    /** Timer: model time of successful predictions; exported as {@code routing_ml_prediction_latency_seconds}. */
    public static final String PREDICTION_LATENCY = "routing_ml_prediction_latency";
    /** Timer: end-to-end time of API requests; exported as {@code routing_ml_request_duration_seconds}. */
    public static final String REQUEST_DURATION = "routing_ml_request_duration";
    public static final String MODEL_INFO = "routing_ml_model_info";
    public static final String MODEL_AGE = "routing_ml_model_age_seconds";
    public static final String RETRAIN_LAST_SUCCESS = "routing_ml_retrain_last_success_timestamp_seconds";
    public static final String RETRAIN_LAST_DURATION = "routing_ml_retrain_last_duration_seconds";
    public static final String NULL_RATIO = "routing_ml_data_null_ratio";
    /**
     * Counter: predictions refused because the workers were busy and the line full (also counted
     * as outcome unavailable).
     */
    public static final String PREDICTIONS_SHED = "routing_ml_predictions_shed";
    /** Gauge: prediction requests waiting for a worker. */
    public static final String PREDICTION_QUEUE_LENGTH = "routing_ml_prediction_queue_length";
    /** Gauge: prediction workers computing an answer. */
    public static final String PREDICTION_WORKERS_BUSY = "routing_ml_prediction_workers_busy";
    /** Counter: drift episodes opened; exported as {@code routing_ml_drift_events_total}. */
    public static final String DRIFT_EVENTS = "routing_ml_drift_events";
    public static final String DRIFT_KL = "routing_ml_drift_kl_divergence";
    public static final String DRIFT_PSI = "routing_ml_drift_psi";
    public static final String RETRAIN_RECOMMENDED = "routing_ml_retrain_recommended";
    /**
     * Counter: retraining executions by outcome (promoted, kept, failed); exported as
     * {@code routing_ml_retrain_runs_total}.
     */
    public static final String RETRAIN_RUNS = "routing_ml_retrain_runs";
    /** Gauge: the active model's holdout top-1 accuracy (NaN while none is loaded). */
    public static final String MODEL_TOP1 = "routing_ml_model_holdout_top1_accuracy";
    /** Gauge: the active model's holdout top-3 hit rate (NaN while none is loaded). */
    public static final String MODEL_TOP3 = "routing_ml_model_holdout_top3_hit_rate";

    /**
     * Label of {@link #PREDICTIONS}: success, rejected (4xx), unavailable (503), error (other 5xx); of
     * {@link #RETRAIN_RUNS}: promoted, kept, failed.
     */
    public static final String OUTCOME = "outcome";
    /** Label of {@link #ERRORS}: 4xx or 5xx. */
    public static final String STATUS_CLASS = "status_class";
    public static final String VERSION = "version";
    public static final String COLUMN = "column";

    private MetricNames() {
    }
}
