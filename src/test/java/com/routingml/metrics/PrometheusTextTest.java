package com.routingml.metrics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrometheusTextTest {

    @Test
    void writesHelpTypeAndSamples() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("outcome", "success");
        labels.put("note", "a \"quoted\" back\\slash\nnewline");
        String text = new PrometheusText()
                .family("routing_ml_predictions_total", "counter", "Predictions.\nSecond line with \\")
                .sample("routing_ml_predictions_total", labels, 3)
                .family("routing_ml_uptime_seconds", "gauge", "Uptime.")
                .sample("routing_ml_uptime_seconds", 12.5)
                .toString();
        assertEquals("""
                # HELP routing_ml_predictions_total Predictions.\\nSecond line with \\\\
                # TYPE routing_ml_predictions_total counter
                routing_ml_predictions_total{outcome="success",note="a \\"quoted\\" back\\\\slash\\nnewline"} 3
                # HELP routing_ml_uptime_seconds Uptime.
                # TYPE routing_ml_uptime_seconds gauge
                routing_ml_uptime_seconds 12.5
                """, text);
    }

    @Test
    void formatsSpecialValues() {
        assertEquals("NaN", PrometheusText.format(Double.NaN));
        assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusText.format(Double.NEGATIVE_INFINITY));
        assertEquals("0", PrometheusText.format(0));
        assertEquals("1.0E20", PrometheusText.format(1e20));
        assertEquals("0.001", PrometheusText.format(0.001));
    }

    @Test
    void rejectsInvalidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrometheusText().sample("bad-name", 1));
        assertEquals("not a valid Prometheus name: 'bad-name'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PrometheusText().sample("ok", Map.of("1x", "v"), 1));
    }

    @Test
    void promtoolAcceptsTheOutput() throws Exception {
        Promtool.requireInstalled();
        String text = new PrometheusText()
                .family("routing_ml_errors_total", "counter", "Errors.")
                .sample("routing_ml_errors_total", Map.of("status_class", "4xx"), 2)
                .family("routing_ml_prediction_latency_avg", "gauge", "Mean, in seconds.")
                .sample("routing_ml_prediction_latency_avg", 0.25)
                .toString();
        Promtool.Result r = Promtool.run(text, "check", "metrics");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("", r.output().strip());
    }

    @Test
    void outcomesAndPaths() {
        assertEquals(Outcome.SUCCESS, Outcome.of(200));
        assertEquals(Outcome.REJECTED, Outcome.of(404));
        assertEquals(Outcome.REJECTED, Outcome.of(422));
        assertEquals(Outcome.UNAVAILABLE, Outcome.of(503));
        assertEquals(Outcome.ERROR, Outcome.of(500));
        assertEquals("unavailable", Outcome.UNAVAILABLE.label());
        assertEquals("predictions", RequestMetricsFilter.relativePath("/predictions/"));
        assertEquals("metrics/json", RequestMetricsFilter.relativePath("metrics/json"));
        assertEquals("", RequestMetricsFilter.relativePath(null));
    }
}
