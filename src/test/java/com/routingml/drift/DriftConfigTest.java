package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DriftConfigTest {

    @Test
    void defaults() {
        DriftConfig c = DriftConfig.defaults();
        assertEquals(1000, c.windowSize());
        assertEquals(10, c.bins());
        assertEquals(0.5, c.smoothingAlpha());
        assertEquals(200, c.minScores());
        assertEquals(0.5, c.threshold());
        assertEquals(0.4, c.clearThreshold());
        assertEquals(5, c.retrainEventCount());
        assertEquals(7, c.retrainWindowDays());
        assertEquals(1.0, c.severeKl());
        assertEquals(Duration.ofHours(24), c.retrainCooldown());
        assertEquals(DriftConfig.ThresholdMode.FIXED, c.thresholdMode());
        assertEquals(0.01, c.targetFalsePositiveRate());
        assertEquals(500, c.calibrationBootstraps());
        assertEquals(c, c.toBuilder().build());
    }

    private static void rejects(UnaryOperator<DriftConfig.Builder> change, String mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(DriftConfig.builder()).build());
        assertTrue(e.getMessage().contains(mustMention), e.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedWithTheOffendingValue() {
        rejects(b -> b.windowSize(0), "0");
        rejects(b -> b.smoothingAlpha(0), "smoothingAlpha");
        rejects(b -> b.smoothingAlpha(Double.NaN), "NaN");
        rejects(b -> b.minScores(1001), "1001");
        rejects(b -> b.clearThreshold(0.6), "0.6");
        rejects(b -> b.tierMinorKl(0.7), "0.7");
        rejects(b -> b.targetFalsePositiveRate(1.0), "1.0");
        rejects(b -> b.calibrationBootstraps(50), "50");
        rejects(b -> b.calibrationBootstraps(0).thresholdMode(DriftConfig.ThresholdMode.CALIBRATED),
                "CALIBRATED");
        rejects(b -> b.retrainCooldown(Duration.ofHours(-1)), "PT-1H");
        assertThrows(NullPointerException.class, () -> DriftConfig.builder().thresholdMode(null).build());
    }

    @Test
    void tiersReadTheKlOfAJudgedWindowAndAreUnjudgedBelowMinScores() {
        DriftConfig c = DriftConfig.defaults();
        int full = c.windowSize();
        assertEquals(Tier.NORMAL, Tier.of(0.29, full, c));
        assertEquals(Tier.MINOR, Tier.of(0.3, full, c));
        assertEquals(Tier.MINOR, Tier.of(0.5, full, c));
        assertEquals(Tier.DRIFT, Tier.of(0.51, full, c));
        assertEquals(Tier.DRIFT, Tier.of(1.0, full, c));
        assertEquals(Tier.SEVERE, Tier.of(1.01, c.minScores(), c));
        assertEquals(Tier.UNJUDGED, Tier.of(1.37, 2, c), "two scores say nothing, whatever their KL");
        assertEquals(Tier.UNJUDGED, Tier.of(0.0, c.minScores() - 1, c));
        assertThrows(IllegalArgumentException.class, () -> Tier.of(Double.NaN, full, c));
        assertThrows(IllegalArgumentException.class, () -> Tier.of(0.1, -1, c));
    }
}
