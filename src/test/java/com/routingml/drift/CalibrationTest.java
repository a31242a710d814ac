package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** v4 KPI: drift detection false-positive rate &lt; 5 %, and detection of real shifts. */
class CalibrationTest {

    private static final Logger LOG = Logger.getLogger(CalibrationTest.class.getName());
    private static final Instant T0 = Instant.parse("2025-10-05T00:00:00Z");
    private static final long T0_MS = T0.toEpochMilli();
    private static final DriftConfig FIXED = DriftConfig.defaults();
    private static final DriftConfig CALIBRATED = FIXED.toBuilder()
            .thresholdMode(DriftConfig.ThresholdMode.CALIBRATED).build();
    private static final int WINDOWS = 200;

    private static Baseline tiesBaseline;
    private static Baseline continuousBaseline;

    @BeforeAll
    static void fit() {
        tiesBaseline = Baseline.fit("m-ties", Scores.withTies(11).sample(5000, 0), FIXED);
        continuousBaseline = Baseline.fit("m-cont", Scores.continuous(12).sample(5000, 0), FIXED);
    }

    /** Share of 200 disjoint windows of 1000 fresh scores whose full-window KL exceeds T(N). */
    private static double[] falsePositives(Baseline b, DriftConfig cfg, Scores src) {
        DriftDetector d = new DriftDetector(b, cfg);
        int flagged = 0;
        int events = 0;
        for (int w = 0; w < WINDOWS; w++) {
            DriftDetector.Observation o = null;
            for (int i = 0; i < cfg.windowSize(); i++) {
                if (d.observe(src.next(0), T0_MS) != null) {
                    events++;
                }
            }
            o = d.lastObservation();
            if (o.kl() > o.threshold()) {
                flagged++;
            }
        }
        return new double[] {(double) flagged / WINDOWS, events};
    }

    @Test
    void falsePositiveRateBelowFivePercentUnderBothThresholds() {
        for (Baseline b : new Baseline[] {tiesBaseline, continuousBaseline}) {
            boolean ties = b == tiesBaseline;
            for (DriftConfig cfg : new DriftConfig[] {FIXED, CALIBRATED}) {
                Scores src = ties ? Scores.withTies(101) : Scores.continuous(102);
                double[] fp = falsePositives(b, cfg, src);
                LOG.info(() -> b.modelVersion() + " " + cfg.thresholdMode() + ": per-window FPR "
                        + fp[0] + ", DRIFT events over " + WINDOWS + "k scores: " + fp[1]);
                assertTrue(fp[0] < 0.05, b.modelVersion() + " " + cfg.thresholdMode()
                        + " per-window FPR " + fp[0]);
                // sequential: every score is a look; events per window must stay below 5 % too
                assertTrue(fp[1] / WINDOWS < 0.05, b.modelVersion() + " " + cfg.thresholdMode()
                        + " events per window " + fp[1] / WINDOWS);
            }
        }
    }

    @Test
    void falsePositivesAfterResetsStayBelowFivePercent() {
        // Partly filled windows (200..999 scores) are judged against T(n) = t_N * N / n.
        DriftDetector d = new DriftDetector(tiesBaseline, CALIBRATED);
        Scores src = Scores.withTies(103);
        int flagged = 0;
        for (int w = 0; w < WINDOWS; w++) {
            d.reset(T0);
            boolean any = false;
            for (int i = 0; i < 1000; i++) {
                any |= d.observe(src.next(0), T0_MS) != null;
            }
            if (any) {
                flagged++;
            }
        }
        double rate = (double) flagged / WINDOWS;
        assertTrue(rate < 0.05, "windows with an event while filling after a reset: " + rate);
    }

    /** Scores after the change until the first DRIFT event, from a full undrifted window. */
    private static int delay(Baseline b, DriftConfig cfg, Scores src, double shift, int cap) {
        DriftDetector d = new DriftDetector(b, cfg);
        for (int i = 0; i < cfg.windowSize(); i++) {
            d.observe(src.next(0), T0_MS);
        }
        int before = d.history().size();
        for (int k = 1; k <= cap; k++) {
            if (d.observe(src.next(shift), T0_MS) != null && before == 0) {
                return k;
            }
        }
        return -1;
    }

    @Test
    void shiftedStreamsAreDetectedUnderTheCalibratedThreshold() {
        for (double shift : new double[] {0.05, 0.1, 0.2}) {
            int dc = delay(continuousBaseline, CALIBRATED, Scores.continuous(200), shift, 5000);
            int dt = delay(tiesBaseline, CALIBRATED, Scores.withTies(201), shift, 5000);
            int df = delay(continuousBaseline, FIXED, Scores.continuous(202), shift, 5000);
            LOG.info(() -> "shift " + shift + ": calibrated delay " + dc + " (continuous), " + dt
                    + " (with ties); fixed " + df + " (-1 = not within 5000)");
            assertTrue(dc > 0 && dc <= 1000, "continuous, shift " + shift + ": delay " + dc);
            assertTrue(dt > 0 && dt <= 1000, "ties, shift " + shift + ": delay " + dt);
        }
        // and why calibration matters: the fixed 0.5 misses a 0.05 shift altogether
        assertEquals(-1, delay(continuousBaseline, FIXED, Scores.continuous(203), 0.05, 5000));
    }

    @Test
    void calibrationMatchesTheoryAndIsReproducible() {
        Baseline.Calibration c = continuousBaseline.calibration().orElseThrow();
        int k = continuousBaseline.edges().numBins();
        double theory = (k - 1) / 2.0 * (1.0 / 1000 + 1.0 / 5000);
        assertEquals(theory, c.nullMeanKl(), 0.15 * theory, "null mean KL vs (K-1)/2 (1/N + 1/n)");
        assertTrue(c.threshold() > c.nullMeanKl() && c.threshold() < 0.1 * FIXED.threshold(),
                "calibrated threshold " + c.threshold());
        // the window-only single-KL scheme under-estimates the threshold
        double[] single = Baseline.bootstrapNull(continuousBaseline.sample(), FIXED, false)[0];
        Arrays.sort(single);
        assertTrue(Baseline.upperQuantile(single, 0.01) < c.threshold());
        double[] hold = Scores.continuous(12).sample(5000, 0);
        assertEquals(c, Baseline.fit("x", hold, FIXED).calibration().orElseThrow(), "same seed");
        assertNotEquals(c.threshold(), Baseline.fit("x", hold,
                FIXED.toBuilder().seed(1).build()).calibration().orElseThrow().threshold());
    }

    @Test
    void upperQuantileIsTypeOne() {
        double[] v = new double[500];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        // ceil(0.99 * 500) = 495th smallest: exactly 5 of 500 values lie above it
        assertEquals(495.0, Baseline.upperQuantile(v, 0.01), 0.0);
        assertEquals(500.0, Baseline.upperQuantile(v, 0.001), 0.0);
    }
}
