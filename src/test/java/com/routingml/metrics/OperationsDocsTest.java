package com.routingml.metrics;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator deliverables in docs/: alert rules and scrape config pass promtool; the dashboard
 * queries our metrics.
 */
class OperationsDocsTest {

    private static final Path PROMETHEUS = Path.of("docs/prometheus");
    private static final Path DASHBOARD = Path.of("docs/grafana/routing-ml-dashboard.json");
    /** Names as exported on /metrics: ours, and those drift detection registers. */
    private static final Set<String> EXPORTED = Set.of(MetricNames.UPTIME, MetricNames.REQUESTS, MetricNames.ERRORS,
            MetricNames.PREDICTIONS,
            "routing_ml_prediction_latency_seconds", "routing_ml_prediction_latency_seconds_bucket",
            "routing_ml_request_duration_seconds", "routing_ml_request_duration_seconds_bucket",
            MetricNames.MODEL_INFO, MetricNames.MODEL_AGE,
            MetricNames.RETRAIN_LAST_SUCCESS, MetricNames.RETRAIN_LAST_DURATION, MetricNames.NULL_RATIO,
            "routing_ml_drift_kl_divergence", "routing_ml_drift_psi", "routing_ml_drift_events_total",
            "routing_ml_retrain_recommended", "routing_ml_predictions_shed_total", MetricNames.PREDICTION_QUEUE_LENGTH,
            MetricNames.PREDICTION_WORKERS_BUSY, "routing_ml_retrain_runs_total", MetricNames.MODEL_TOP1,
                    MetricNames.MODEL_TOP3);
    private static final Pattern METRIC = Pattern.compile("routing_ml_[a-z0-9_]+");

    @Test
    void alertRulesPassPromtool() throws Exception {
        Promtool.requireInstalled();
        Promtool.Result check = Promtool.run(null, "check", "rules", PROMETHEUS.resolve("alerts.yml").toString());
        assertEquals(0, check.exitCode(), check.output());
        Promtool.Result test = Promtool.run(null, "test", "rules", PROMETHEUS.resolve("alerts-test.yml").toString());
        assertEquals(0, test.exitCode(), test.output());
        Promtool.Result config = Promtool.run(null, "check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
        assertEquals(0, config.exitCode(), config.output());
    }

    @Test
    void alertRulesUseOnlyExportedNames() throws Exception {
        for (String name : names(Files.readString(PROMETHEUS.resolve("alerts.yml")))) {
            assertTrue(EXPORTED.contains(name), "alerts.yml uses unknown metric " + name);
        }
    }

    @Test
    void dashboardQueriesOnlyExportedMetricsAndShowsEveryKpi() throws Exception {
        JsonObject dash;
        try (JsonReader r = Json.createReader(new StringReader(Files.readString(DASHBOARD)))) {
            dash = r.readObject();
        }
        List<String> exprs = new ArrayList<>();
        for (JsonValue p : dash.getJsonArray("panels")) {
            for (JsonValue t : p.asJsonObject().getJsonArray("targets")) {
                exprs.add(t.asJsonObject().getString("expr"));
            }
        }
        String all = String.join("\n", exprs);
        for (String name : names(all)) {
            assertTrue(EXPORTED.contains(name), "dashboard uses unknown metric " + name);
        }
        assertTrue(all.contains("routing_ml_uptime_seconds{"));
        assertTrue(all.matches("(?s).*increase\\(routing_ml_predictions_total\\{[^}]*}\\[1h]\\).*"), all);
        assertTrue(all.contains("routing_ml_drift_kl_divergence{"));
        assertTrue(all.matches("(?s).*histogram_quantile\\(0\\.99, sum by \\(le\\) \\(rate\\("
                + "routing_ml_prediction_latency_seconds_bucket.*"), all);
        assertTrue(all.contains("routing_ml_data_null_ratio{"));
        assertTrue(all.contains("routing_ml_retrain_runs_total{"), "the retraining success KPI");
        assertTrue(all.contains("routing_ml_model_holdout_top3_hit_rate{")
                && all.contains("routing_ml_model_holdout_top1_accuracy{"),
                "the accuracy KPI");
    }

    private static Set<String> names(String text) {
        Set<String> out = new java.util.TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
