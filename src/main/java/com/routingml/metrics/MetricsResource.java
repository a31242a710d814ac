package com.routingml.metrics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

import static com.routingml.metrics.MetricNames.*;

/**
 * The v4 API's metrics endpoints, kept for existing consumers: {@code GET /api/metrics} (Prometheus
 * text, the v4 API's five names) and {@code GET /api/metrics/json}. Both read the MicroProfile Metrics
 * registry; {@code /metrics} is the full export.
 */
@Path("/metrics")
@RequestScoped
public class MetricsResource {

    static final String AVG_LATENCY = "routing_ml_prediction_latency_avg";

    @Inject
    V4ApiMetrics v4;

    @GET
    @Produces({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    public Response text() {
        V4ApiMetrics.Figures f = v4.read();
        PrometheusText t = new PrometheusText()
                .family(UPTIME, "gauge", "Seconds since the application started.")
                .sample(UPTIME, f.uptimeSeconds())
                .family(REQUESTS, "counter", "API requests answered (observability endpoints excluded).")
                .sample(REQUESTS, f.requests())
                .family(ERRORS, "counter", "API requests answered with an error status, by status class.");
        f.errorsByClass().forEach((c, n) -> t.sample(ERRORS, Map.of(STATUS_CLASS, c), n));
        t.family(PREDICTIONS, "counter", "Prediction requests, by outcome (success, rejected, unavailable, error).");
        f.predictionsByOutcome().forEach((o, n) -> t.sample(PREDICTIONS, Map.of(OUTCOME, o), n));
        t.family(AVG_LATENCY, "gauge",
                "Mean model time per successful prediction since start, in seconds (0 before the first).")
                .sample(AVG_LATENCY, f.avgLatencySeconds());
        return Response.ok(t.toString()).type(PrometheusText.CONTENT_TYPE).build();
    }

    @GET
    @Path("/json")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject json() {
        V4ApiMetrics.Figures f = v4.read();
        return Json.createObjectBuilder()
                .add("uptime_seconds", f.uptimeSeconds())
                .add("request_count", f.requests())
                .add("error_count", f.errors())
                .add("prediction_count", f.predictions())
                .add("avg_prediction_latency", f.avgLatencySeconds())
                .build();
    }
}
