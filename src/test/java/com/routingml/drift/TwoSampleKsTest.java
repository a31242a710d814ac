package com.routingml.drift;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact KS p-value against naive exact references ({@link KsReference}) and published
 * values, with the tolerances stated per test.
 */
class TwoSampleKsTest {

    /**
     * The documented error bound, relative {@code 4 (n + m) 2^-53} plus absolute
     * {@code (n + m) 2^-1000}, and the reference's own rounding to a double.
     */
    private static double tolerance(int n, int m, double reference) {
        return 4.0 * (n + m) * 0x1p-53 * reference + (n + m) * TwoSampleKs.NEGLIGIBLE + Math.ulp(reference);
    }

    private static void assertPValue(double reference, double[] x, double[] y, String what) {
        double p = TwoSampleKs.test(x, y).pValue();
        assertEquals(reference, p, tolerance(x.length, y.length, reference), what);
    }

    @Test
    void pValueEqualsTheShareOfAllLabellingsWithAndWithoutTies() {
        SplittableRandom rnd = new SplittableRandom(20251005L);
        double[] levels = {0.5, 0.7, 0.9, 1.0};
        for (int run = 0; run < 300; run++) {
            int n = 1 + rnd.nextInt(10);
            int m = 1 + rnd.nextInt(Math.min(10, 19 - n));
            boolean ties = run % 2 == 0;
            double[] x = new double[n];
            double[] y = new double[m];
            for (double[] s : new double[][] {x, y}) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = ties ? levels[rnd.nextInt(levels.length)] : rnd.nextDouble();
                }
            }
            String what = "n=" + n + " m=" + m + " x=" + Arrays.toString(x) + " y=" + Arrays.toString(y);
            assertPValue(KsReference.pValueByEnumeration(x, y), x, y, what);
            assertEquals(KsReference.statistic(x, y), TwoSampleKs.test(x, y).statistic(), 1e-15, what);
        }
    }

    /**
     * Window sizes up to 1,000 against baselines up to 5,000, scores with 12 % ties at 1.0,
     * undrifted and shifted: the p-value equals the exact rational one to the error bound.
     */
    @Test
    void pValueEqualsExactPathCountsForWindowsUpTo1000AndBaselinesUpTo5000() {
        int[][] sizes = {{1, 5000}, {50, 200}, {200, 1000}, {300, 5000}, {1000, 1000}, {1000, 5000}};
        double[] shifts = {0.0, 0.02, 0.05};
        long seed = 1;
        for (int[] size : sizes) {
            double[] baseline = Scores.withTies(seed++).sample(size[1], 0);
            for (double shift : shifts) {
                if (size[0] * (long) size[1] == 5_000_000L && shift != 0.02) {
                    continue; // the largest grid once: the reference takes seconds there
                }
                double[] window = Scores.withTies(seed++).sample(size[0], shift);
                assertPValue(KsReference.pValueByPathCounting(window, baseline), window, baseline,
                        "n=" + size[0] + " m=" + size[1] + " shift=" + shift);
            }
        }
    }

    @Test
    void equalSizesWithoutTiesMatchTheGnedenkoKorolyukFormula() {
        for (int n : new int[] {1, 7, 100, 1000}) {
            boolean[] everyStep = new boolean[2 * n + 1];
            Arrays.fill(everyStep, true);
            for (int k = 1; k <= n; k = k < 10 ? k + 1 : k * 3 / 2) {
                double reference = KsReference.pValueEqualSizes(n, k);
                double p = TwoSampleKs.pValue(n, n, everyStep, (long) k * n);
                assertEquals(reference, p, tolerance(n, n, reference), "n=m=" + n + " D=" + k + "/" + n);
            }
        }
    }

    /**
     * Known values: SciPy 1.17.1, {@code scipy.stats.ks_2samp(x, y, method='exact')}, for
     * {@code x_k = (k + 0.5)/n} and {@code y_k = (k + 1/3)/m + s} (no ties). SciPy computes in
     * floating point with its own lattice recursion; agreement to 1e-12 relative.
     */
    @Test
    void pValuesAgreeWithScipy() {
        double[][] known = {
            // n, m, shift, D, p
            {1000, 5000, 0.02, 0.0204, 0.8738931270659056},
            {1000, 5000, 0.05, 0.0504, 0.028333294626595007},
            {1000, 5000, 0.08, 0.0804, 4.000436494833524e-05},
            {200, 5000, 0.05, 0.0524, 0.6484716585537068},
            {1000, 1000, 0.03, 0.03, 0.7593695685682871},
            {500, 3000, 0.01, 0.011, 0.9999999985785019},
            {50, 70, 0.1, 0.11428571428571428, 0.7973583004021694},
        };
        for (double[] c : known) {
            int n = (int) c[0];
            int m = (int) c[1];
            double[] x = new double[n];
            double[] y = new double[m];
            for (int k = 0; k < n; k++) {
                x[k] = (k + 0.5) / n;
            }
            for (int k = 0; k < m; k++) {
                y[k] = (k + 1.0 / 3) / m + c[2];
            }
            DriftStatistics.KsResult r = TwoSampleKs.test(x, y);
            assertEquals(c[3], r.statistic(), 1e-15, Arrays.toString(c));
            assertEquals(c[4], r.pValue(), 1e-12 * c[4], Arrays.toString(c));
        }
    }

    /**
     * Ties: treating tied scores as continuous (checking the path after every value) gives a
     * p-value that is too large; the enumeration sides with the tie-aware one.
     */
    @Test
    void tiedScoresAreNotTreatedAsContinuous() {
        double[] x = {0.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        double[] y = {0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        double exact = KsReference.pValueByEnumeration(x, y);
        DriftStatistics.KsResult r = TwoSampleKs.test(x, y);
        assertEquals(exact, r.pValue(), tolerance(x.length, y.length, exact));
        boolean[] everyStep = new boolean[x.length + y.length + 1];
        Arrays.fill(everyStep, true);
        long h = Math.round(r.statistic() * x.length * y.length);
        double asIfContinuous = TwoSampleKs.pValue(x.length, y.length, everyStep, h);
        assertTrue(asIfContinuous > exact + 0.05, "continuous " + asIfContinuous + ", exact " + exact);
    }

    @Test
    void theSamplesPlayInterchangeableRoles() {
        double[] x = Scores.withTies(3).sample(700, 0.01);
        double[] y = Scores.withTies(4).sample(2000, 0);
        DriftStatistics.KsResult xy = TwoSampleKs.test(x, y);
        DriftStatistics.KsResult yx = TwoSampleKs.test(y, x);
        assertEquals(xy.statistic(), yx.statistic(), 0.0);
        assertEquals(xy.pValue(), yx.pValue(), tolerance(x.length, y.length, xy.pValue()));
    }

    @Test
    void identicalSamplesGiveOneAndDisjointSamplesTheSmallestPValue() {
        double[] same = {0.3, 0.5, 1.0, 1.0};
        assertEquals(new DriftStatistics.KsResult(0.0, 1.0), TwoSampleKs.test(same, same.clone()));
        // All of x below all of y: D = 1, reached by 2 of the C(7, 3) = 35 labellings.
        DriftStatistics.KsResult apart = TwoSampleKs.test(new double[] {0.1, 0.2, 0.3},
                new double[] {0.6, 0.7, 0.8, 0.9});
        assertEquals(1.0, apart.statistic(), 0.0);
        assertEquals(2.0 / 35, apart.pValue(), 1e-16);
        // 2 / C(2000, 1000), about 1e-600: below the documented absolute error, reported as 0.
        double[] low = Scores.continuous(5).sample(1000, 0.5);
        double[] high = Scores.continuous(6).sample(1000, 0);
        Arrays.setAll(low, k -> low[k] / 2);
        Arrays.setAll(high, k -> 0.5 + high[k] / 2);
        assertEquals(new DriftStatistics.KsResult(1.0, 0.0), TwoSampleKs.test(low, high));
    }

    @Test
    void emptyOrNonFiniteSamplesAreRefusedWithTheOffendingValue() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TwoSampleKs.test(new double[0], new double[] {0.5}));
        assertTrue(empty.getMessage().contains("x sample is empty"), empty.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> TwoSampleKs.test(new double[] {0.5}, new double[] {0.2, Double.NaN}));
        assertTrue(nan.getMessage().contains("y value at index 1 is not finite: NaN"), nan.getMessage());
    }
}
