package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class DriftStatisticsTest {

    private static final double TOL = 1e-12;

    @Test
    void klAndPsiMatchHandComputedValues() {
        double[] p = {0.5, 0.5};
        double[] q = {0.9, 0.1};
        // 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1) = 0.5 ln(25/9) = ln(5/3)
        assertEquals(0.5108256237659907, DriftStatistics.kl(p, q), TOL);
        // (0.5-0.9) ln(5/9) + (0.5-0.1) ln 5 = 0.4 (ln 5 + ln 9/5) = 0.4 ln 9
        assertEquals(0.8788898309344879, DriftStatistics.psi(p, q), TOL);
        // KL is not symmetric: D(Q||P) = 0.9 ln 1.8 + 0.1 ln 0.2
        assertEquals(0.3680642071684971, DriftStatistics.kl(q, p), TOL);
        // PSI = D(P||Q) + D(Q||P)
        assertEquals(DriftStatistics.kl(p, q) + DriftStatistics.kl(q, p),
                DriftStatistics.psi(p, q), TOL);
    }

    @Test
    void identicalDistributionsGiveZero() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        assertEquals(0.0, DriftStatistics.kl(p, p.clone()), 0.0);
        assertEquals(0.0, DriftStatistics.psi(p, p.clone()), 0.0);
        int[] counts = {10, 20, 30, 40};
        double[] q = Histogram.smoothed(new long[] {10, 20, 30, 40}, 100, 0.5);
        assertEquals(0.0, DriftStatistics.klFromCounts(counts, 100, 0.5, q), 0.0);
    }

    @Test
    void zeroCountBinsAreFiniteThroughSmoothing() {
        // window counts (3, 0), alpha 0.5: p = (3.5/4, 0.5/4) = (0.875, 0.125)
        double[] p = Histogram.smoothed(new long[] {3, 0}, 3, 0.5);
        assertEquals(0.875, p[0], 0.0);
        assertEquals(0.125, p[1], 0.0);
        // baseline counts (0, 5): q = (0.5/6, 5.5/6)
        double[] q = Histogram.smoothed(new long[] {0, 5}, 5, 0.5);
        double expected = 0.875 * Math.log(0.875 / (0.5 / 6)) + 0.125 * Math.log(0.125 / (5.5 / 6));
        double kl = DriftStatistics.kl(p, q);
        assertTrue(Double.isFinite(kl));
        assertEquals(expected, kl, TOL);
        assertEquals(kl, DriftStatistics.klFromCounts(new int[] {3, 0}, 3, 0.5, q), TOL);
        assertTrue(Double.isFinite(DriftStatistics.psi(p, q)));
        // unsmoothed: p > 0 where q = 0 is +inf, and PSI is undefined
        assertEquals(Double.POSITIVE_INFINITY, DriftStatistics.kl(new double[] {0.5, 0.5},
                new double[] {1.0, 0.0}));
        assertEquals(0.0, DriftStatistics.kl(new double[] {1.0, 0.0}, new double[] {1.0, 0.0}));
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.psi(new double[] {1.0, 0.0}, new double[] {0.5, 0.5}));
    }

    @Test
    void countsPathEqualsGeneralPath() {
        int[] c = {0, 17, 3, 250, 1, 0, 729};
        long[] lc = Arrays.stream(c).asLongStream().toArray();
        int n = Arrays.stream(c).sum();
        double[] q = Histogram.smoothed(new long[] {5, 90, 80, 100, 70, 2, 50}, 397, 0.5);
        double[] p = Histogram.smoothed(lc, n, 0.5);
        assertEquals(DriftStatistics.kl(p, q), DriftStatistics.klFromCounts(c, n, 0.5, q), TOL);
        assertEquals(DriftStatistics.psi(p, q), DriftStatistics.psiFromCounts(c, n, 0.5, q), TOL);
    }

    @Test
    void preconditions() {
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.kl(new double[] {1}, new double[] {0.5, 0.5}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.kl(new double[] {0.5, 0.6}, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("1.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.kl(new double[] {-0.5, 1.5}, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.ks(new double[0], new double[] {0.5, 0.6}));
        assertThrows(IllegalArgumentException.class,
                () -> DriftStatistics.ks(new double[] {Double.NaN, 0.1}, new double[] {0.5, 0.6}));
    }

    @Test
    void ksStatisticMatchesTheNaiveDefinitionAndCommonsMath() {
        for (int seed = 1; seed <= 3; seed++) {
            // with ties (12 % exact 1.0) and a shift, and without
            double[] base = Scores.withTies(seed).sample(700, 0);
            double[] win = Scores.withTies(seed + 100).sample(300, 0.03);
            double[] cont = Scores.continuous(seed + 200).sample(300, 0);
            for (double[] w : new double[][] {win, cont}) {
                DriftStatistics.KsResult r = DriftStatistics.ks(w, base);
                assertEquals(KsReference.statistic(w, base), r.statistic(), TOL);
                assertEquals(new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(w, base), r.statistic(), TOL);
            }
        }
        double[] shifted = Scores.continuous(9).sample(1000, 0.1);
        double[] base = Scores.continuous(10).sample(1000, 0);
        assertTrue(DriftStatistics.ks(shifted, base).pValue() < 1e-6, "a 0.1 shift is obvious");
    }
}
