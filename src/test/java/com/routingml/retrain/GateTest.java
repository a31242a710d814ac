package com.routingml.retrain;

import com.routingml.model.EvaluationMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    static EvaluationMetrics m(double top1, double top3, double mae) {
        return new EvaluationMetrics(100, top1, top3, 0.9, 0.9, 0.9, mae, 0.8);
    }

    private final Gate gate = new Gate(0.01, 0.05);

    @Test
    void equalOrBetterIsBlessed() {
        assertTrue(gate.judge("c", "a", 100, null, m(0.8, 0.9, 10), m(0.8, 0.9, 10), Instant.EPOCH).blessed());
        assertTrue(gate.judge("c", "a", 100, null, m(0.85, 0.95, 9), m(0.8, 0.9, 10), Instant.EPOCH).blessed());
    }

    @Test
    void withinToleranceIsBlessed() {
        assertTrue(gate.judge("c", "a", 100, null, m(0.791, 0.9, 10.4), m(0.8, 0.9, 10), Instant.EPOCH).blessed());
    }

    @Test
    void worseBeyondToleranceIsNotBlessedAndTheReasonNamesTheMetric() {
        ComparisonReport r = gate.judge("c", "a", 100, null, m(0.78, 0.9, 10), m(0.8, 0.9, 10), Instant.EPOCH);
        assertFalse(r.blessed());
        assertTrue(r.reason().contains("top1Accuracy 0.7800 vs 0.8000 (0.0200 lower; tolerance 0.0100)"), r.reason());
        ComparisonReport mae = gate.judge("c", "a", 100, null, m(0.8, 0.9, 10.6), m(0.8, 0.9, 10), Instant.EPOCH);
        assertFalse(mae.blessed());
        assertTrue(mae.reason().contains("runTimeMae 10.6000 vs 10.0000 (6.0% higher; tolerance relative 0.0500)"), mae.reason());
        assertEquals(6, mae.checks().size());
    }

    @Test
    void noActiveModelBlessesNoHoldoutDoesNot() {
        assertTrue(gate.judge("c", null, 100, null, m(0.1, 0.1, 99), null, Instant.EPOCH).blessed());
        assertFalse(gate.judge("c", "a", 0, null, m(0.9, 0.9, 1), m(0.1, 0.1, 9), Instant.EPOCH).blessed());
    }

    @Test
    void tolerancesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Gate(-0.1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Gate(0.01, Double.NaN));
    }
}
