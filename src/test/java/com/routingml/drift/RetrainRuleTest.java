package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RetrainRuleTest {

    private static final Instant NOW = Instant.parse("2025-10-08T00:00:00Z");
    private static final RetrainRule RULE = RetrainRule.of(DriftConfig.defaults());
    private static final OptionalDouble UNJUDGED = OptionalDouble.empty();

    private static DriftEvent ev(DriftEvent.Kind kind, Instant t, double kl) {
        return new DriftEvent(t, kind, kl, kl, 0.1, 0.01, 0.7, 0.1, 1000, "m1",
                Tier.of(kl, 1000, DriftConfig.defaults()));
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
        assertTrue(RULE.shouldRetrain(drifts(5, 0.6, Duration.ofDays(2)), NOW, UNJUDGED));
        assertFalse(RULE.shouldRetrain(drifts(4, 0.6, Duration.ofDays(2)), NOW, UNJUDGED));
        List<DriftEvent> severe = drifts(1, 1.2, Duration.ofDays(2));
        assertTrue(RULE.shouldRetrain(severe, NOW, UNJUDGED), "max KL > 1.0");
        assertFalse(RULE.shouldRetrain(drifts(1, 1.0, Duration.ofDays(2)), NOW, UNJUDGED), "> not >=");
        assertFalse(RULE.shouldRetrain(drifts(5, 0.6, Duration.ofDays(8)), NOW, UNJUDGED), "outside 7 days");
        assertFalse(RULE.shouldRetrain(List.of(), NOW, UNJUDGED));
    }

    @Test
    void resetOrSwitchAcknowledgesEarlierDrift() {
        List<DriftEvent> l = drifts(5, 1.5, Duration.ofDays(3));
        l.add(ev(DriftEvent.Kind.BASELINE_SWITCH, NOW.minus(Duration.ofDays(1)), 0));
        assertFalse(RULE.shouldRetrain(l, NOW, UNJUDGED));
        l.add(ev(DriftEvent.Kind.DRIFT, NOW.minusSeconds(60), 1.5));
        assertTrue(RULE.shouldRetrain(l, NOW, UNJUDGED), "new severe drift after the switch");
    }

    @Test
    void aJudgedWindowAboveTheSevereKlRecommendsRetrainingWithoutAnyEvent() {
        assertTrue(RULE.shouldRetrain(List.of(), NOW, OptionalDouble.of(1.37)));
        assertEquals("the live window's KL 1.370 > 1.0", RULE.reason(List.of(), NOW, OptionalDouble.of(1.37)).get());
        assertFalse(RULE.shouldRetrain(List.of(), NOW, OptionalDouble.of(1.0)), "> not >=");
        assertFalse(RULE.shouldRetrain(List.of(), NOW, UNJUDGED), "an unjudged window never counts");
        assertTrue(RULE.windowSevere(true, 1.37));
        assertFalse(RULE.windowSevere(false, 1.37));
        // The event conditions come first in the reason.
        assertEquals("5 drift events in 7 days (rule: 5 or more)",
                RULE.reason(drifts(5, 0.6, Duration.ofDays(2)), NOW, OptionalDouble.of(2)).get());
        assertEquals("a drift event in 7 days had KL 1.200 > 1.0",
                RULE.reason(drifts(1, 1.2, Duration.ofDays(2)), NOW, UNJUDGED).get());
        assertTrue(RULE.reason(drifts(4, 0.6, Duration.ofDays(2)), NOW, OptionalDouble.of(0.7)).isEmpty());
    }

    @Test
    void aSummaryRecommendsAsTheRuleDoesAndSaysWhy() {
        RetrainRule.Summary quiet = RULE.summarize(drifts(1, 0.6, Duration.ofDays(1)), 7, NOW, OptionalDouble.of(0.6));
        assertFalse(quiet.shouldRetrain());
        assertEquals(null, quiet.retrainReason());
        RetrainRule.Summary severe = RULE.summarize(drifts(1, 0.6, Duration.ofDays(1)), 7, NOW, OptionalDouble.of(3.2));
        assertTrue(severe.shouldRetrain());
        assertEquals("the live window's KL 3.200 > 1.0", severe.retrainReason());
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
        RetrainRule.Summary s = RULE.summarize(l, 7, NOW, UNJUDGED);
        assertEquals(7, s.periodDays());
        assertEquals(3, s.driftCount());
        assertEquals(0.72, s.maxKl(), 1e-15);
        assertEquals((0.72 + 0.52 + 0.50) / 3, s.avgKl(), 1e-15);
        assertFalse(s.shouldRetrain());
        assertEquals(4, s.events().size());
        assertEquals(NOW.minus(Duration.ofDays(3)), s.events().get(0).time(), "oldest first");
        RetrainRule.Summary empty = RULE.summarize(List.of(), 7, NOW, UNJUDGED);
        assertEquals(0, empty.driftCount());
        assertEquals(0.0, empty.avgKl());
        assertThrows(IllegalArgumentException.class, () -> RULE.summarize(l, 0, NOW, UNJUDGED));
    }
}
