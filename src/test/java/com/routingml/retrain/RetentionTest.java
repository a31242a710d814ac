package com.routingml.retrain;

import com.routingml.model.ModelMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionTest {

    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    static ModelMetadata v(String version, int daysAgo) {
        return new ModelMetadata(1, version, NOW.minus(daysAgo, ChronoUnit.DAYS), null, null, null, new double[0],
                Map.of(), null, 0, null);
    }

    @Test
    void deletesOnlyOldVersionsNeverActivePreviousOrProtected() {
        List<ModelMetadata> all = List.of(v("v1", 400), v("v2", 300), v("v3", 200), v("v4", 190),
                v("v5", 10), v("v6", 1));
        Instant cutoff = NOW.minus(180, ChronoUnit.DAYS);
        // active is old (a rollback), previous is old too: both kept
        assertEquals(List.of("v1", "v4"), Retention.select(all, cutoff, Retention.protect("v3", "v2", "v6")));
        assertEquals(List.of(), Retention.select(all, NOW.minus(500, ChronoUnit.DAYS), Retention.protect("v6")));
    }

    @Test
    void previousByAgeIsTheNewestOlderThanActive() {
        List<ModelMetadata> all = List.of(v("v1", 400), v("v2", 300), v("v3", 200));
        assertEquals("v2", Retention.previousByAge(all, "v3").orElseThrow());
        assertEquals(java.util.Optional.empty(), Retention.previousByAge(all, "v1"));
        assertEquals(java.util.Optional.empty(), Retention.previousByAge(all, "missing"));
    }
}
