package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthReportTest {

    private static final Instant NOW = Instant.parse("2025-10-05T23:45:00Z");
    private static final StartupService.State READY = new StartupService.State(StartupService.Phase.READY,
            "serving v1", NOW);
    private static final JvmHealth.State JVM_OK = JvmHealth.assess(0.3, 0.95, 0, List.of(), NOW);

    @Test
    void healthyWhenEverythingIsUp() {
        DependencySnapshot deps = snapshot(true, true);
        JsonObject r = HealthReport.build("1.2.3", 3600.5, NOW, READY, true, deps, false, JVM_OK);
        assertEquals("healthy", r.getString("status"));
        assertEquals("1.2.3", r.getString("version"));
        assertEquals(3600.5, r.getJsonNumber("uptime_seconds").doubleValue());
        assertEquals("2025-10-05T23:45:00.000Z", r.getString("timestamp"), "always with milliseconds");
        JsonObject checks = r.getJsonObject("checks");
        assertEquals(Set.of("startup", "jvm", "access_database", "active_model"), checks.keySet());
        assertEquals("up", checks.getJsonObject("access_database").getString("status"));
        assertEquals(2.0, checks.getJsonObject("access_database").getJsonNumber("checked_seconds_ago").doubleValue());
        assertEquals(7, checks.getJsonObject("access_database").getJsonNumber("size_bytes").longValue());
    }

    @Test
    void accessDownDegradesModelDownOrStaleIsUnhealthy() {
        assertEquals(HealthReport.Status.DEGRADED,
                HealthReport.status(READY, true, snapshot(false, true), false, JVM_OK));
        assertEquals(HealthReport.Status.UNHEALTHY,
                HealthReport.status(READY, true, snapshot(true, false), false, JVM_OK));
        assertEquals(HealthReport.Status.UNHEALTHY,
                HealthReport.status(READY, true, snapshot(true, true), true, JVM_OK));
        assertEquals(HealthReport.Status.UNHEALTHY,
                HealthReport.status(READY, false, snapshot(true, true), false, JVM_OK));
        JvmHealth.State deadlocked = JvmHealth.assess(0.3, 0.95, 2, List.of("a", "b"), NOW);
        assertEquals(HealthReport.Status.UNHEALTHY,
                HealthReport.status(READY, true, snapshot(true, true), false, deadlocked));
        assertEquals(HealthReport.Status.UNHEALTHY,
                HealthReport.status(READY, true, DependencySnapshot.NONE, true, JVM_OK));
        JsonObject stale = HealthReport.build("1", 1, NOW, READY, true, snapshot(true, true), true, JVM_OK);
        assertEquals("stale", stale.getJsonObject("checks").getJsonObject("active_model").getString("status"));
    }

    @Test
    void snapshotStaleness() {
        DependencySnapshot s = snapshot(true, true);
        assertEquals(Duration.ofSeconds(2), s.age(NOW));
        assertFalse(s.stale(NOW, Duration.ofSeconds(2)));
        assertTrue(s.stale(NOW, Duration.ofSeconds(1)));
        assertTrue(DependencySnapshot.NONE.stale(NOW, Duration.ofDays(1)));
        assertFalse(DependencySnapshot.NONE.allUp());
    }

    @Test
    void jvmVerdict() {
        assertTrue(JVM_OK.up());
        JvmHealth.State full = JvmHealth.assess(0.99, 0.95, 0, List.of(), NOW);
        assertFalse(full.up());
        assertTrue(full.detail().contains("heap exhausted: 99.0%"), full.detail());
        JvmHealth.State dl = JvmHealth.assess(0.1, 0.95, 2, List.of("t1", "t2"), NOW);
        assertFalse(dl.up());
        assertEquals("2 deadlocked threads: [t1, t2]", dl.detail());
        assertTrue(JvmHealth.heapAfterGcRatio() >= 0 && JvmHealth.heapAfterGcRatio() <= 1);
    }

    @Test
    void versionMustBeFilteredByTheBuild() {
        assertEquals("1.0.0", ServiceInfo.readVersion(stream("version=1.0.0\n")));
        IllegalStateException unfiltered = assertThrows(IllegalStateException.class,
                () -> ServiceInfo.readVersion(stream("version=${project.version}")));
        assertTrue(unfiltered.getMessage().contains("${project.version}"), unfiltered.getMessage());
        assertThrows(IllegalStateException.class, () -> ServiceInfo.readVersion(null));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static DependencySnapshot snapshot(boolean accessUp, boolean modelUp) {
        Map<String, DependencyState> m = new LinkedHashMap<>();
        m.put("access_database", new DependencyState(accessUp, accessUp ? "readable" : "missing",
                Map.of("size_bytes", 7L)));
        m.put("active_model", new DependencyState(modelUp, modelUp ? "serving v1" : "v1 missing",
                Map.of("version", "v1")));
        return new DependencySnapshot(NOW.minusSeconds(2), m, Set.of("access_database"));
    }
}
