package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainRuleTest {

    private static final Instant NOW = Instant.parse("2025-10-08T00:00:00Z");
    private static final RetrainRule RULE = RetrainRule.of(DriftConfig.defaults());

    private static DriftEvent ev(DriftEvent.Kind kind, Instant t, double kl) {
        return new DriftEvent(t, kind, kl, kl, 0.1, 0.01, 0.7, 0.1, 1000, "m1",
                Tier.of(kl, DriftConfig.defaults()));
    }

    private static List<DriftEvent> drifts(int count, double kl, Duration ago) {
        List<DriftEvent> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(ev(DriftEvent.Kind.DRIFT, NOW.minus(ago).plusSeconds(i), kl));
        }
        return l;
    }

    @Test
    void countAndSevereConditions() {
        assertTrue(RULE.shouldRetrain(drifts(5, 0.6, Duration.ofDays(2)), NOW));
        assertFalse(RULE.shouldRetrain(drifts(4, 0.6, Duration.ofDays(2)), NOW));
        List<DriftEvent> severe = drifts(1, 1.2, Duration.ofDays(2));
        assertTrue(RULE.shouldRetrain(severe, NOW), "max KL > 1.0");
        assertFalse(RULE.shouldRetrain(drifts(1, 1.0, Duration.ofDays(2)), NOW), "> not >=");
        assertFalse(RULE.shouldRetrain(drifts(5, 0.6, Duration.ofDays(8)), NOW), "outside 7 days");
        assertFalse(RULE.shouldRetrain(List.of(), NOW));
    }

    @Test
    void resetOrSwitchAcknowledgesEarlierDrift() {
        List<DriftEvent> l = drifts(5, 1.5, Duration.ofDays(3));
        l.add(ev(DriftEvent.Kind.BASELINE_SWITCH, NOW.minus(Duration.ofDays(1)), 0));
        assertFalse(RULE.shouldRetrain(l, NOW));
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minusSeconds(60), 1.5));
        assertTrue(RULE.shouldRetrain(l, NOW), "new severe drift after the switch");
    }

    @Test
    void cooldown() {
        Instant last = NOW.minus(Duration.ofHours(23));
        assertTrue(RULE.mayTrigger(null, NOW));
        assertFalse(RULE.mayTrigger(last, NOW));
        assertTrue(RULE.mayTrigger(NOW.minus(Duration.ofHours(24)), NOW));
    }

    @Test
    void summaryFigures() {
        List<DriftEvent> l = new ArrayList<>();
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minus(Duration.ofDays(10)), 0.9)); // outside
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minus(Duration.ofDays(1)), 0.72));
        l.add(ev(DriftEvent.Kind.RESET, NOW.minus(Duration.ofHours(20)), 0.1));
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minus(Duration.ofDays(3)), 0.52));
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minus(Duration.ofDays(2)), 0.50));
        RetrainRule.Summary s = RULE.summarize(l, 7, NOW);
        assertEquals(7, s.periodDays());
        assertEquals(3, s.driftCount());
        assertEquals(0.72, s.maxKl(), 1e-15);
        assertEquals((0.72 + 0.52 + 0.50) / 3, s.avgKl(), 1e-15);
        assertFalse(s.shouldRetrain());
        assertEquals(4, s.events().size());
        assertEquals(NOW.minus(Duration.ofDays(3)), s.events().get(0).time(), "oldest first");
        RetrainRule.Summary empty = RULE.summarize(List.of(), 7, NOW);
        assertEquals(0, empty.driftCount());
        assertEquals(0.0, empty.avgKl());
        assertThrows(IllegalArgumentException.class, () -> RULE.summarize(l, 0, NOW));
    }
}
