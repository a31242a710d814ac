package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The {@code /api/health} verdict from cached states; builds no state of its own.
 *
 * <ul>
 *   <li>{@code unhealthy}: cannot serve predictions — start-up not finished, the JVM is failing,
 *       a critical dependency (the active model) is down, or the dependency states are stale;</li>
 *   <li>{@code degraded}: serves predictions, but a dependency is down whose loss only removes a
 *       capability (the Access file: look-ups by ITEM_CD fail, predictions by attributes work);</li>
 *   <li>{@code healthy}: everything up.</li>
 * </ul>
 * Anything but healthy is answered with 503, so a load balancer polling this URL takes the node out.
 */
public final class HealthReport {

    public enum Status {
        HEALTHY, DEGRADED, UNHEALTHY;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** ISO-8601 UTC, always with milliseconds: {@code 2025-10-05T23:45:00.123Z}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private HealthReport() {
    }

    /** The verdict alone. */
    public static Status status(StartupService.State startup, boolean startupFinished, DependencySnapshot deps,
            boolean stale, JvmHealth.State jvm) {
        if (!startupFinished || !jvm.up() || stale || deps.criticalDown()) {
            return Status.UNHEALTHY;
        }
        return deps.allUp() ? Status.HEALTHY : Status.DEGRADED;
    }

    /** The full report. */
    public static JsonObject build(String version, double uptimeSeconds, Instant now, StartupService.State startup,
                                   boolean startupFinished, DependencySnapshot deps, boolean stale,
                                   JvmHealth.State jvm) {
        Status status = status(startup, startupFinished, deps, stale, jvm);
        JsonObjectBuilder checks = Json.createObjectBuilder();
        checks.add("startup", Json.createObjectBuilder()
                .add("status", startupFinished ? "up" : "down")
                .add("phase", startup.phase().name())
                .add("detail", startup.message()));
        checks.add("jvm", Json.createObjectBuilder()
                .add("status", jvm.up() ? "up" : "down")
                .add("detail", jvm.detail())
                .add("heap_after_gc_ratio", round(jvm.heapAfterGcRatio()))
                .add("deadlocked_threads", jvm.deadlockedThreads()));
        Duration age = deps.age(now);
        for (Map.Entry<String, DependencyState> e : deps.states().entrySet()) {
            DependencyState d = e.getValue();
            JsonObjectBuilder c = Json.createObjectBuilder()
                    .add("status", stale ? "stale" : d.up() ? "up" : "down")
                    .add("detail", d.detail())
                    .add("checked_seconds_ago", round(age.toMillis() / 1000.0));
            d.data().forEach((k, v) -> {
                if (v instanceof Long || v instanceof Integer) {
                    c.add(k, ((Number) v).longValue());
                } else if (v instanceof Number n) {
                    c.add(k, n.doubleValue());
                } else if (v instanceof Boolean bool) {
                    c.add(k, bool);
                } else {
                    c.add(k, String.valueOf(v));
                }
            });
            checks.add(e.getKey(), c);
        }
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("status", status.json())
                .add("version", version)
                .add("uptime_seconds", round(uptimeSeconds))
                .add("timestamp", TIMESTAMP.format(now))
                .add("checks", checks);
        if (age == null) {
            b.addNull("checks_age_seconds");
        } else {
            b.add("checks_age_seconds", round(age.toMillis() / 1000.0));
        }
        return b.build();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
