package com.routingml.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.routingml.metrics.MetricNames.*;

/**
 * The five figures of the v4 API's metrics endpoints, read from the MicroProfile Metrics
 * application registry — the same counters and timer {@code /metrics} exports, so both endpoints
 * always agree.
 */
@ApplicationScoped
public class V4ApiMetrics {

    /**
     * @param uptimeSeconds         seconds since the application started
     * @param requests              API requests answered
     * @param errors                of which with a 4xx or 5xx status
     * @param predictionsByOutcome  prediction requests per outcome label
     * @param predictions           successful predictions
     * @param avgLatencySeconds     mean model time per successful prediction (0 before the first)
     */
    public record Figures(double uptimeSeconds, long requests, long errors, Map<String, Long> errorsByClass,
                          Map<String, Long> predictionsByOutcome, long predictions, double avgLatencySeconds) {
    }

    @Inject
    MetricRegistry registry;

    @Inject
    RoutingMetrics metrics; // ensures registration before the first read

    public Figures read() {
        Gauge<?> uptime = registry.getGauges((id, m) -> id.getName().equals(UPTIME)).values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(UPTIME + " is not registered"));
        Map<String, Long> byOutcome = byTag(PREDICTIONS, OUTCOME);
        Map<String, Long> byClass = byTag(ERRORS, STATUS_CLASS);
        Timer latency = registry.getTimer(new MetricID(PREDICTION_LATENCY));
        long n = latency == null ? 0 : latency.getCount();
        double avg = n == 0 ? 0 : latency.getElapsedTime().toNanos() / 1e9 / n;
        Counter requests = registry.getCounter(new MetricID(REQUESTS));
        return new Figures(uptime.getValue().doubleValue(), requests == null ? 0 : requests.getCount(),
                byClass.values().stream().mapToLong(Long::longValue).sum(), byClass,
                byOutcome, byOutcome.getOrDefault(Outcome.SUCCESS.label(), 0L), avg);
    }

    private Map<String, Long> byTag(String name, String tag) {
        Map<String, Long> out = new LinkedHashMap<>();
        registry.getCounters((id, m) -> id.getName().equals(name))
                .forEach((id, c) -> out.merge(id.getTags().getOrDefault(tag, ""), c.getCount(), Long::sum));
        return out;
    }
}
