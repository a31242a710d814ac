package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Application metrics on {@code /metrics} (MicroProfile Metrics, open without credentials) and the
 * v4 API's endpoints {@code /api/metrics} and {@code /api/metrics/json}, which read the same registry.
 */
class MetricsIT {

    private static final String PREDICTION =
            "{\"attributes\":{\"ITEM_TYPE\":\"SEAL\",\"OUTDIAMETER\":85.5},\"topK\":2}";
    private static final String APP = "/metrics?scope=application";

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void countersMove() {
        JsonObject before = Server.get("/api/metrics/json").json();
        Scrape promBefore = Scrape.of(APP);

        assertEquals(200, Server.post("/api/predictions", PREDICTION).status());
        assertEquals(400, Server.post("/api/predictions", "{\"topK\":0}").status());
        assertEquals(404, Server.get("/api/no-such-endpoint").status());

        JsonObject after = Server.get("/api/metrics/json").json();
        assertEquals(before.getInt("request_count") + 3, after.getInt("request_count"), before + " -> " + after);
        assertEquals(before.getInt("error_count") + 2, after.getInt("error_count"));
        assertEquals(before.getInt("prediction_count") + 1, after.getInt("prediction_count"));
        assertTrue(after.getJsonNumber("avg_prediction_latency").doubleValue() > 0);
        assertTrue(after.getJsonNumber("uptime_seconds").doubleValue()
                >= before.getJsonNumber("uptime_seconds").doubleValue());

        Scrape prom = Scrape.of(APP);
        assertEquals(promBefore.value("routing_ml_predictions_total", Map.of("outcome", "success")) + 1,
                prom.value("routing_ml_predictions_total", Map.of("outcome", "success")));
        assertEquals(promBefore.value("routing_ml_predictions_total", Map.of("outcome", "rejected")) + 1,
                prom.value("routing_ml_predictions_total", Map.of("outcome", "rejected")));
        assertEquals(promBefore.value("routing_ml_errors_total", Map.of("status_class", "4xx")) + 2,
                prom.value("routing_ml_errors_total", Map.of("status_class", "4xx")));
        assertEquals(promBefore.value("routing_ml_prediction_latency_seconds_count") + 1,
                prom.value("routing_ml_prediction_latency_seconds_count"));
    }

    @Test
    void predictionWorkersAreObservable() {
        assertEquals(200, Server.post("/api/predictions", PREDICTION).status());
        Scrape prom = Scrape.of(APP);
        assertTrue(prom.text().contains("# TYPE routing_ml_predictions_shed_total counter"), prom.text());
        // Nothing in this suite comes near the wait line (32 by default), so nothing is refused.
        assertEquals(0.0, prom.value("routing_ml_predictions_shed_total"));
        assertEquals(0.0, prom.value("routing_ml_prediction_queue_length"));
        double busy = prom.value("routing_ml_prediction_workers_busy");
        assertTrue(busy >= 0 && busy <= Runtime.getRuntime().availableProcessors(), "busy workers " + busy);
    }

    @Test
    void v4ApiEndpointsReadTheSameRegistryAsMetrics() {
        assertEquals(200, Server.post("/api/predictions", PREDICTION).status());
        // Neither scrape is itself counted as a request, so both show the same figures.
        Scrape v4 = Scrape.of("/api/metrics");
        Scrape prom = Scrape.of(APP);
        assertEquals(prom.value("routing_ml_requests_total"), v4.value("routing_ml_requests_total"));
        for (String outcome : List.of("success", "rejected", "unavailable", "error")) {
            assertEquals(prom.value("routing_ml_predictions_total", Map.of("outcome", outcome)),
                    v4.value("routing_ml_predictions_total", Map.of("outcome", outcome)), outcome);
        }
        for (String cls : List.of("4xx", "5xx")) {
            assertEquals(prom.value("routing_ml_errors_total", Map.of("status_class", cls)),
                    v4.value("routing_ml_errors_total", Map.of("status_class", cls)), cls);
        }
        double avg = prom.value("routing_ml_prediction_latency_seconds_sum")
                / prom.value("routing_ml_prediction_latency_seconds_count");
        assertEquals(avg, v4.value("routing_ml_prediction_latency_avg"), 1e-9);
        assertTrue(v4.value("routing_ml_uptime_seconds") > 0);
    }

    @Test
    void v4ApiTextHasHelpAndTypeForTheFiveNames() {
        Server.Reply r = Server.get("/api/metrics");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
        for (String[] f : new String[][] {
                {"routing_ml_uptime_seconds", "gauge"}, {"routing_ml_requests_total", "counter"},
                {"routing_ml_errors_total", "counter"}, {"routing_ml_predictions_total", "counter"},
                {"routing_ml_prediction_latency_avg", "gauge"}}) {
            assertTrue(r.body().contains("# HELP " + f[0] + " "), f[0]);
            assertTrue(r.body().contains("# TYPE " + f[0] + " " + f[1] + "\n"), f[0]);
        }
    }

    @Test
    void latencyIsAHistogramWithExplicitBuckets() {
        assertEquals(200, Server.post("/api/predictions", PREDICTION).status());
        Scrape prom = Scrape.of(APP);
        assertTrue(prom.text().contains("# TYPE routing_ml_prediction_latency_seconds histogram"), prom.text());
        List<Scrape.Sample> buckets = prom.named("routing_ml_prediction_latency_seconds_bucket");
        List<String> les = buckets.stream().map(b -> b.labels().get("le")).toList();
        assertEquals(List.of("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1.0", "2.0",
                "5.0", "+Inf"), les);
        double prev = 0;
        for (Scrape.Sample b : buckets) {
            assertTrue(b.value() >= prev, "cumulative buckets: " + buckets);
            prev = b.value();
        }
        assertEquals(prom.value("routing_ml_prediction_latency_seconds_count"), prev, "+Inf bucket = count");
        assertFalse(prom.text().contains("routing_ml_prediction_latency_seconds{"), "no client-side quantiles");
        assertFalse(prom.named("routing_ml_request_duration_seconds_bucket").isEmpty());
    }

    @Test
    void modelAndDataQualityGauges() {
        String version = Server.activeVersion();
        Scrape prom = Scrape.of(APP);
        assertEquals(1.0, prom.value("routing_ml_model_info", Map.of("version", version)));
        assertEquals(1, prom.named("routing_ml_model_info").size(), "one info series: the active version");
        assertTrue(prom.value("routing_ml_model_age_seconds") >= 0);
        assertTrue(prom.value("routing_ml_retrain_last_success_timestamp_seconds") > 1.6e9,
                "the active model's training time");
        assertTrue(prom.text().contains("routing_ml_retrain_last_duration_seconds"),
                "registered, fed by the retraining job");
        List<Scrape.Sample> ratios = prom.named("routing_ml_data_null_ratio");
        assertTrue(ratios.size() > 10, "one gauge per item master column: " + ratios);
        for (Scrape.Sample s : ratios) {
            assertTrue(s.labels().containsKey("column"));
            assertTrue(s.value() >= 0 && s.value() <= 1, s.toString());
        }
        assertTrue(ratios.stream().anyMatch(s -> s.labels().get("column").equals("ITEM_TYPE")));
    }

    @Test
    void metricsEndpointNeedsNoCredentials() {
        Server.Reply r = Server.get("/metrics");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("routing_ml_uptime_seconds"));
    }
}
