package com.routingml.drift;

import java.util.Arrays;
import java.util.Objects;

/**
 * Two-sample Kolmogorov–Smirnov (Smirnov) test with an exact p-value, for samples with ties.
 *
 * <h2>Statistic</h2>
 * For samples {@code x} (size {@code n}) and {@code y} (size {@code m}) with empirical
 * distribution functions {@code F_x}, {@code F_y}:
 * <pre>
 *   D = sup_t | F_x(t) - F_y(t) |  =  max_{k in K} | i_k m - j_k n | / (n m)
 * </pre>
 * where {@code z_1 <= ... <= z_{n+m}} is the pooled sample, {@code i_k} and {@code j_k} count the
 * values of {@code x} and of {@code y} among {@code z_1 ... z_k}, and {@code K} holds the
 * {@code k} that end a block of equal values ({@code k = n + m} or {@code z_k < z_{k+1}}): the
 * step functions only change there. {@code D} is kept as the integer numerator
 * {@code h = max |i_k m - j_k n|}, so every comparison below is exact.
 *
 * <h2>p-value</h2>
 * {@code p = P(D >= d_observed)} under the null hypothesis that both samples come from one
 * distribution, <em>conditional on the pooled values</em>: each of the {@code C(n+m, n)} ways of
 * choosing which {@code n} pooled values are {@code x} is equally likely (the permutation
 * distribution). Without ties this is the classical exact null distribution of Smirnov's
 * statistic; with ties (many similarity scores are exactly 1.0) it is the exact conditional
 * distribution of Schröer &amp; Trenkler, <i>Exact and randomization distributions of
 * Kolmogorov-Smirnov tests for two or three samples</i>, Computational Statistics &amp; Data
 * Analysis 20 (1995) 185-202. A test that treats tied data as continuous is conservative (its
 * p-value is too large); this one is not.
 *
 * <h2>Algorithm</h2>
 * A labelling is a lattice path from {@code (0, 0)} to {@code (n, m)}; after {@code k = i + j}
 * steps it is at {@code (i, j)}. A point is <em>blocked</em> if {@code k} is in {@code K} and
 * {@code |i m - j n| >= h}. Let {@code u(i, j)} be the share of the {@code C(i+j, i)} paths from
 * the origin to {@code (i, j)} that touch a blocked point. Splitting on the last step and using
 * {@code C(i+j-1, i-1) / C(i+j, i) = i / (i+j)} (Hodges, <i>The significance probability of the
 * Smirnov two-sample test</i>, Arkiv för Matematik 3 (1957) 469-486, for the counting form):
 * <pre>
 *   u(0, 0) = 0
 *   u(i, j) = 1                                                    if (i, j) is blocked
 *   u(i, j) = i/(i+j) · u(i-1, j)  +  j/(i+j) · u(i, j-1)           otherwise
 *   p = u(n, m)
 * </pre>
 * Each value is a convex combination of two values in [0, 1], so nothing overflows (the path
 * counts themselves have about 1,400 digits at n = 1,000, m = 5,000) and {@code p} is computed
 * directly, not as {@code 1 - P(D < d)}: small p-values keep their relative accuracy.
 *
 * <p><b>Error bound.</b> Each step rounds at most four times on non-negative terms
 * (reciprocal, two products, a fused multiply-add), so the computed p-value has relative error at
 * most about {@code 4 (n + m) 2^-53}: below 3e-12 for {@code n + m <= 6,000}. Shares below
 * {@link #NEGLIGIBLE} ({@code 2^-1000}) are set to 0, which adds an absolute error below
 * {@code (n + m) 2^-1000} (about 1e-297); a p-value under that is reported as 0.
 *
 * <p><b>Cost.</b> {@code O(n log n + m log m)} to sort plus one pass over the cells with
 * {@code u < 1} (a cell with {@code u = 1} stays 1 to the right and below it): about
 * {@code 2 D n m} cells without ties, at most {@code (n+1)(m+1)}; memory {@code O(n + m)}.
 * Measured in docs/benchmarks.md.
 *
 * <p>Stateless; thread-safe.
 */
final class TwoSampleKs {

    /** Shares below this are set to 0: arithmetic on subnormal numbers is many times slower. */
    static final double NEGLIGIBLE = 0x1p-1000;

    private TwoSampleKs() {
    }

    /**
     * The statistic {@code D} and its exact p-value; see the class documentation.
     *
     * @param x a sample, at least one value, all finite (not modified)
     * @param y the other sample, at least one value, all finite (not modified)
     * @throws IllegalArgumentException if a sample is empty or holds a NaN or infinite value
     */
    static DriftStatistics.KsResult test(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        checkSample(x, "x");
        checkSample(y, "y");
        int n = x.length;
        int m = y.length;
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        boolean[] blockEnd = new boolean[n + m + 1];
        long h = 0;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            double t = i == n ? ys[j] : j == m ? xs[i] : Math.min(xs[i], ys[j]);
            while (i < n && xs[i] == t) {
                i++;
            }
            while (j < m && ys[j] == t) {
                j++;
            }
            blockEnd[i + j] = true;
            h = Math.max(h, Math.abs((long) i * m - (long) j * n));
        }
        return new DriftStatistics.KsResult(h / ((double) n * m), pValue(n, m, blockEnd, h));
    }

    /**
     * {@code P(max_{k in K} |i_k m - j_k n| >= h)} over uniformly random paths; see the class
     * documentation.
     *
     * @param blockEnd {@code blockEnd[k]} whether {@code k} (1 to {@code n + m}) is in {@code K}
     * @param h        the observed numerator; {@code h <= 0} gives 1
     */
    static double pValue(int n, int m, boolean[] blockEnd, long h) {
        if (h <= 0) {
            return 1.0;
        }
        double[] inverse = new double[n + m + 1];
        for (int k = 1; k <= n + m; k++) {
            inverse[k] = 1.0 / k;
        }
        // u holds one row (fixed i); outside [lo, hi] the row is 1.
        double[] u = new double[m + 1];
        int lo = 0;
        int hi = 0;
        for (int j = 1; j <= m && !(blockEnd[j] && (long) j * n >= h); j++) {
            hi = j;
        }
        for (int i = 1; i <= n; i++) {
            int newLo = -1;
            int newHi = -1;
            double left = 1.0; // u(i, lo - 1): left of the previous row's range the row is 1
            for (int j = lo; j <= m; j++) {
                double up = j <= hi ? u[j] : 1.0;
                int k = i + j;
                double v;
                if (blockEnd[k] && Math.abs((long) i * m - (long) j * n) >= h) {
                    v = 1.0;
                } else if (j == 0) {
                    v = up;
                } else {
                    double r = inverse[k];
                    v = Math.fma(j * r, left, i * r * up); // one rounding on the dependency chain
                    if (v < NEGLIGIBLE) {
                        v = 0.0;
                    }
                }
                u[j] = v;
                left = v;
                if (v < 1.0) {
                    if (newLo < 0) {
                        newLo = j;
                    }
                    newHi = j;
                } else if (j > hi) {
                    break; // right of the previous row's range a 1 is followed by 1s
                }
            }
            if (newLo < 0) {
                return 1.0;
            }
            lo = newLo;
            hi = newHi;
        }
        return hi == m ? u[m] : 1.0;
    }

    private static void checkSample(double[] v, String what) {
        if (v.length == 0) {
            throw new IllegalArgumentException(what + " sample is empty; the KS test needs at least 1 value");
        }
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new IllegalArgumentException(what + " value at index " + k + " is not finite: " + v[k]);
            }
        }
    }
}
