package com.routingml.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NullRatioReportTest {

    private static ModelMetadata meta(String version, Object... kv) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            ratios.put((String) kv[i], (Double) kv[i + 1]);
        }
        return new ModelMetadata(1, version, Instant.parse("2026-11-01T02:00:00Z"), null, null, null, new double[0],
                ratios, null, 0, null);
    }

    @Test
    void aColumnWhoseNullShareRoseMoreThanTheAlertRuleAllowsIsFlagged() {
        NullRatioReport r = NullRatioReport.of(meta("v2", "SEALTYPEGRUP", 0.9, "PART_TYPE", 0.3),
                meta("v1", "SEALTYPEGRUP", 0.84, "PART_TYPE", 0.05));
        assertEquals("v1", r.referenceVersion());
        assertEquals(java.util.List.of("PART_TYPE", "SEALTYPEGRUP"),
                r.columns().stream().map(NullRatioReport.Column::column).toList(), "the item master's order");
        NullRatioReport.Column seal = r.columns().get(1);
        assertEquals(0.84 + NullRatioReport.ALERT_RISE, seal.threshold(), 1e-12);
        assertFalse(seal.alert());
        NullRatioReport.Column part = r.columns().get(0);
        assertEquals(0.05, part.referenceRatio(), 1e-12);
        assertTrue(part.alert(), "0.05 -> 0.30 is a rise of 25 points");
    }

    @Test
    void withoutAnEarlierModelTheThresholdIsTheOneTheNextModelIsHeldTo() {
        NullRatioReport r = NullRatioReport.of(meta("v1", "GROUP2", 0.5), null);
        assertNull(r.referenceVersion());
        assertNull(r.columns().get(0).referenceRatio());
        assertEquals(0.7, r.columns().get(0).threshold(), 1e-12);
        assertFalse(r.columns().get(0).alert());
    }

    @Test
    void theThresholdIsTheRiseOfTheShippedPrometheusAlert() throws IOException {
        String rules = Files.readString(Path.of("docs/prometheus/alerts.yml"));
        assertTrue(rules.contains("(routing_ml_data_null_ratio - routing_ml_data_null_ratio offset 7d) > "
                + NullRatioReport.ALERT_RISE), "alerts.yml and the console must mark the same threshold");
    }
}
