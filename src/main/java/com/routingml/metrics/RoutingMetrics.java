package com.routingml.metrics;

import com.routingml.events.RetrainCompleted;
import com.routingml.drift.monitor.DriftMonitor;
import com.routingml.events.DriftDetected;
import com.routingml.events.PredictionRefused;
import com.routingml.prediction.PredictionWorkers;
import com.routingml.health.ServiceInfo;
import com.routingml.registry.ModelRegistry;
import com.routingml.events.ModelActivated;
import com.routingml.model.EvaluationMetrics;
import com.routingml.model.ModelMetadata;
import com.routingml.model.RoutingModel;
import com.routingml.events.PredictionMade;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static com.routingml.metrics.MetricNames.*;

/**
 * The application metrics, registered once in the MicroProfile Metrics application registry (the
 * one {@code /metrics} exports) and fed from CDI events and the request filter. Every series is
 * registered at start-up, so counters show 0 rather than being absent before the first request.
 *
 * <p>Recording is a few atomic increments: it runs on request threads.
 */
@ApplicationScoped
public class RoutingMetrics {

    /** Paths (relative to {@code /api}) of the observability endpoints themselves: not counted as requests. */
    static final Set<String> UNCOUNTED = Set.of("health", "metrics", "metrics/json");
    static final String PREDICTIONS_PATH = "predictions";

    @Inject
    MetricRegistry registry;

    @Inject
    ServiceInfo info;

    @Inject
    ModelRegistry active;

    @Inject
    DriftMonitor drift;

    @Inject
    PredictionWorkers workers;

    private Counter requests;
    private Counter clientErrors;
    private Counter serverErrors;
    private final Map<Outcome, Counter> predictions = new EnumMap<>(Outcome.class);
    private Timer predictionLatency;
    private Timer requestDuration;
    private Counter driftEvents;
    private Counter predictionsShed;
    private final Map<RetrainCompleted.Outcome, Counter> retrainRuns = new EnumMap<>(RetrainCompleted.Outcome.class);

    private String infoVersion;
    private volatile Map<String, Double> nullRatios = Map.of();
    private final Set<String> nullRatioColumns = new HashSet<>();
    private volatile Instant lastRetrainSuccess;
    private volatile Duration lastRetrainDuration;

    @PostConstruct
    void register() {
        registry.gauge(meta(UPTIME, "Seconds since the application started."), info::uptimeSeconds);
        requests = registry.counter(meta(REQUESTS, "API requests answered (observability endpoints excluded)."));
        Metadata errors = meta(ERRORS, "API requests answered with an error status, by status class.");
        clientErrors = registry.counter(errors, new Tag(STATUS_CLASS, "4xx"));
        serverErrors = registry.counter(errors, new Tag(STATUS_CLASS, "5xx"));
        Metadata p = meta(PREDICTIONS, "Prediction requests, by outcome (success, rejected, unavailable, error).");
        for (Outcome o : Outcome.values()) {
            predictions.put(o, registry.counter(p, new Tag(OUTCOME, o.label())));
        }
        predictionLatency = registry.timer(meta(PREDICTION_LATENCY, "Time the model took per successful prediction."));
        requestDuration = registry.timer(meta(REQUEST_DURATION,
                "End-to-end time of API requests, until the response is ready to write."));
        registry.gauge(meta(MODEL_AGE, "Seconds since the active model was trained (NaN while none is loaded)."),
                this::modelAgeSeconds);
        registry.gauge(meta(RETRAIN_LAST_SUCCESS,
                "Unix time of the last successful training of a served model (NaN: none yet)."),
                () -> lastRetrainSuccess == null ? Double.NaN : lastRetrainSuccess.toEpochMilli() / 1000.0);
        registry.gauge(meta(RETRAIN_LAST_DURATION,
                "Seconds the last successful retraining run took (NaN until one completed"
                        + " since start)."), () -> lastRetrainDuration == null ? Double.NaN
                        : lastRetrainDuration.toMillis() / 1000.0);
        Metadata runs = meta(RETRAIN_RUNS,
                "Retraining executions by outcome: promoted, kept (refused by the gate), failed.");
        for (RetrainCompleted.Outcome o : RetrainCompleted.Outcome.values()) {
            retrainRuns.put(o, registry.counter(runs, new Tag(OUTCOME, o.label())));
        }
        registry.gauge(meta(MODEL_TOP1,
                "Top-1 accuracy of the active model on its time-based holdout (NaN while none is loaded)."),
                () -> holdout(m -> m.top1Accuracy()));
        registry.gauge(meta(MODEL_TOP3,
                "Top-3 hit rate of the active model on its time-based holdout (NaN while none is loaded)."),
                () -> holdout(m -> m.top3HitRate()));
        predictionsShed = registry.counter(meta(PREDICTIONS_SHED,
                "Prediction requests refused with 503 because every worker was busy and the wait line was full."));
        registry.gauge(meta(PREDICTION_QUEUE_LENGTH, "Prediction requests waiting for a free worker."),
                workers::waiting);
        registry.gauge(meta(PREDICTION_WORKERS_BUSY, "Prediction workers computing an answer."), workers::busy);
        driftEvents = registry.counter(meta(DRIFT_EVENTS, "Drift events (episodes, not predictions) since start"));
        registry.gauge(meta(DRIFT_KL, "KL divergence D_KL(live window || training baseline), nats "
                + "(NaN until the window holds min-scores scores)"), drift::judgedKl);
        registry.gauge(meta(DRIFT_PSI, "Population stability index of the live window against the baseline "
                + "(NaN until the window holds min-scores scores)"), drift::judgedPsi);
        registry.gauge(meta(RETRAIN_RECOMMENDED, "1 when the drift rule recommends retraining, else 0"),
                () -> drift.retrainRecommended() ? 1 : 0);
        active.current().ifPresent(this::describe);
    }

    /** Registers everything when the application starts, before any request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing is enough: the bean is created (and registers) here
    }

    /** Records one answered API request; {@code path} is relative to {@code /api}, without a leading slash. */
    public void requestFinished(String method, String path, int status, long nanos) {
        if (UNCOUNTED.contains(path)) {
            return;
        }
        requests.inc();
        if (status >= 500) {
            serverErrors.inc();
        } else if (status >= 400) {
            clientErrors.inc();
        }
        if (nanos >= 0) {
            requestDuration.update(Duration.ofNanos(nanos));
        }
        if ("POST".equals(method) && PREDICTIONS_PATH.equals(path)) {
            predictions.get(Outcome.of(status)).inc();
        }
    }

    void onPrediction(@Observes PredictionMade made) {
        predictionLatency.update(Duration.ofNanos(made.nanos()));
    }

    void onPredictionRefused(@Observes PredictionRefused event) {
        predictionsShed.inc();
    }

    void onDriftDetected(@Observes DriftDetected event) {
        driftEvents.inc();
    }

    void onModelActivated(@Observes ModelActivated event) {
        describe(event.model());
    }

    /** Counts every retraining execution by outcome; a completed one is the last success. */
    void onRetrainCompleted(@Observes RetrainCompleted run) {
        retrainRuns.get(run.outcome()).inc();
        if (run.outcome().succeeded()) {
            lastRetrainSuccess = run.finishedAt();
            lastRetrainDuration = run.duration();
        }
    }

    /** Model info, data-quality NULL ratios and the training time of a newly served model. */
    private synchronized void describe(RoutingModel model) {
        ModelMetadata meta = model.metadata();
        if (infoVersion != null && !infoVersion.equals(model.version())) {
            registry.remove(new MetricID(MODEL_INFO, new Tag(VERSION, infoVersion)));
        }
        infoVersion = model.version();
        registry.gauge(meta(MODEL_INFO, "The active model version (value always 1)."), () -> 1,
                new Tag(VERSION, infoVersion));

        Map<String, Double> ratios = meta.nullRatios() == null ? Map.of() : new HashMap<>(meta.nullRatios());
        nullRatios = Map.copyOf(ratios);
        Metadata nr = meta(NULL_RATIO,
                "Share of NULL values per item master (ITEM_INFO_VIEW) column in the active model's training data.");
        for (String gone : Set.copyOf(nullRatioColumns)) {
            if (!ratios.containsKey(gone)) {
                registry.remove(new MetricID(NULL_RATIO, new Tag(COLUMN, gone)));
                nullRatioColumns.remove(gone);
            }
        }
        for (String column : ratios.keySet()) {
            if (nullRatioColumns.add(column)) {
                registry.gauge(nr, () -> nullRatios.getOrDefault(column, Double.NaN), new Tag(COLUMN, column));
            }
        }

        // Until the retraining job reports, the last successful training is that of the newest model served.
        Instant trained = meta.createdAt();
        if (trained != null && (lastRetrainSuccess == null || trained.isAfter(lastRetrainSuccess))) {
            lastRetrainSuccess = trained;
        }
    }

    private double holdout(java.util.function.ToDoubleFunction<EvaluationMetrics> metric) {
        return active.current().map(m -> m.metadata().metrics()).map(metric::applyAsDouble).orElse(Double.NaN);
    }

    private double modelAgeSeconds() {
        return active.current().map(m -> m.metadata().createdAt())
                .map(t -> Duration.between(t, info.now()).toMillis() / 1000.0).orElse(Double.NaN);
    }

    /** Metadata of an application metric: its name and its HELP text. */
    public static Metadata meta(String name, String help) {
        return Metadata.builder().withName(name).withDescription(help).build();
    }
}
