package com.routingml.drift;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Naive references for the two-sample Kolmogorov-Smirnov test, written to be obviously right
 * rather than fast, and sharing no code with {@link TwoSampleKs}:
 * <ul>
 *   <li>the statistic by evaluating both empirical distribution functions at every pooled value;</li>
 *   <li>the p-value by enumerating every labelling of the pooled values (small samples);</li>
 *   <li>the p-value by counting lattice paths in exact integer arithmetic (any size);</li>
 *   <li>for equal sizes without ties, the closed form of Gnedenko &amp; Korolyuk (1951).</li>
 * </ul>
 * p-values are {@code P(D >= d_observed)} under the permutation distribution given the pooled
 * values, as in {@link TwoSampleKs}.
 */
final class KsReference {

    private static final MathContext DIGITS = new MathContext(34);

    private KsReference() {
    }

    /** {@code D = max_t |F_x(t) - F_y(t)|} over every pooled value {@code t}: O((n + m)^2). */
    static double statistic(double[] x, double[] y) {
        double d = 0;
        for (double[] pool : new double[][] {x, y}) {
            for (double t : pool) {
                d = Math.max(d, Math.abs(ecdf(x, t) - ecdf(y, t)));
            }
        }
        return d;
    }

    private static double ecdf(double[] s, double t) {
        int c = 0;
        for (double v : s) {
            if (v <= t) {
                c++;
            }
        }
        return (double) c / s.length;
    }

    /**
     * The share of the {@code C(n+m, n)} ways to split the pooled values into samples of sizes
     * {@code n} and {@code m} whose statistic is at least the observed one.
     *
     * @throws IllegalArgumentException if {@code n + m > 20}
     */
    static double pValueByEnumeration(double[] x, double[] y) {
        int n = x.length;
        int size = n + y.length;
        if (size > 20) {
            throw new IllegalArgumentException("enumeration is for n + m <= 20, got " + size);
        }
        double[] pooled = new double[size];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, y.length);
        double observed = statistic(x, y);
        // Distinct statistics differ by at least 1 / (n m) >= 1 / 100; rounding is ~1e-16.
        double tolerance = 1e-9;
        long atLeast = 0;
        long all = 0;
        for (int mask = 0; mask < 1 << size; mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            double[] a = new double[n];
            double[] b = new double[size - n];
            int ia = 0;
            int ib = 0;
            for (int k = 0; k < size; k++) {
                if ((mask & 1 << k) != 0) {
                    a[ia++] = pooled[k];
                } else {
                    b[ib++] = pooled[k];
                }
            }
            all++;
            if (statistic(a, b) >= observed - tolerance) {
                atLeast++;
            }
        }
        return (double) atLeast / all;
    }

    /**
     * Counts, with {@link BigInteger}s over the whole {@code (n+1) x (m+1)} grid, the lattice
     * paths that keep {@code |i m - j n| < h} at every end of a block of equal pooled values;
     * the p-value is one minus their share of all {@code C(n+m, n)} paths, rounded to a double.
     */
    static double pValueByPathCounting(double[] x, double[] y) {
        int n = x.length;
        int m = y.length;
        long h = Math.round(statistic(x, y) * n * m);
        double[] pooled = new double[n + m];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, m);
        Arrays.sort(pooled);
        boolean[] blockEnd = new boolean[n + m + 1];
        for (int k = 1; k <= n + m; k++) {
            blockEnd[k] = k == n + m || pooled[k - 1] < pooled[k];
        }
        BigInteger[] row = new BigInteger[m + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                BigInteger paths;
                if (i == 0 && j == 0) {
                    paths = BigInteger.ONE;
                } else if (blockEnd[i + j] && Math.abs((long) i * m - (long) j * n) >= h) {
                    paths = BigInteger.ZERO;
                } else {
                    paths = (i > 0 ? row[j] : BigInteger.ZERO).add(j > 0 ? row[j - 1] : BigInteger.ZERO);
                }
                row[j] = paths;
            }
        }
        BigInteger all = binomial(n + m, n);
        return ratio(all.subtract(row[m]), all);
    }

    /**
     * Gnedenko &amp; Korolyuk, <i>On the maximum discrepancy between two empirical
     * distributions</i>, Doklady Akademii Nauk SSSR 80 (1951): for two continuous samples of
     * equal size {@code n},
     * <pre>
     *   P(D &gt;= k/n) = 2 sum_{j=1}^{floor(n/k)} (-1)^(j+1) C(2n, n - j k) / C(2n, n)
     * </pre>
     *
     * @param k the observed statistic times {@code n}, 1 to {@code n}
     */
    static double pValueEqualSizes(int n, int k) {
        BigInteger sum = BigInteger.ZERO;
        for (int j = 1; j <= n / k; j++) {
            BigInteger term = binomial(2 * n, n - j * k);
            sum = j % 2 == 1 ? sum.add(term) : sum.subtract(term);
        }
        return ratio(sum.shiftLeft(1), binomial(2 * n, n));
    }

    static BigInteger binomial(int n, int k) {
        BigInteger c = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return c;
    }

    private static double ratio(BigInteger numerator, BigInteger denominator) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), DIGITS).doubleValue();
    }
}
