package com.routingml.drift;

import java.util.Objects;

/**
 * Divergence and two-sample test statistics between a live window distribution {@code P} and the
 * baseline distribution {@code Q}. All logarithms are natural (results in nats).
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class DriftStatistics {

    /** Tolerance on {@code |sum p_i - 1|} accepted for a probability vector. */
    static final double SUM_TOLERANCE = 1e-9;

    private DriftStatistics() {
    }

    /** Two-sample Kolmogorov-Smirnov result. */
    public record KsResult(double statistic, double pValue) {
    }

    /**
     * Kullback-Leibler divergence
     * <pre>
     *   D_KL(P || Q) = sum_i P_i ln(P_i / Q_i)
     * </pre>
     * with the convention {@code 0 ln(0/q) = 0} (Cover &amp; Thomas, <i>Elements of Information
     * Theory</i>, 2nd ed., eq. 2.26). {@code P} is the live window, {@code Q} the baseline. Returns
     * {@code +Infinity} if some {@code P_i > 0} where {@code Q_i = 0}; smoothed histograms
     * ({@link Histogram#smoothed}) never have zeros.
     *
     * @param p live window probabilities
     * @param q baseline probabilities
     * @throws IllegalArgumentException if lengths differ or are zero, an entry is negative or not
     *                                  finite, or a vector does not sum to 1 within 1e-9
     */
    public static double kl(double[] p, double[] q) {
        checkPair(p, q);
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                if (q[i] == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += p[i] * Math.log(p[i] / q[i]);
            }
        }
        // The exact value is >= 0 (Gibbs' inequality); rounding can give -1e-17 for P = Q.
        return Math.max(0.0, sum);
    }

    /**
     * Population stability index
     * <pre>
     *   PSI(P, Q) = sum_i (P_i - Q_i) ln(P_i / Q_i)  =  D_KL(P||Q) + D_KL(Q||P)
     * </pre>
     * (the symmetrised KL divergence, Jeffreys' J; Yurdakul, <i>Statistical properties of
     * population stability index</i>, 2018).
     *
     * @throws IllegalArgumentException as {@link #kl}, and if any entry of either vector is 0
     *                                  (the index is undefined there; smooth first)
     */
    public static double psi(double[] p, double[] q) {
        checkPair(p, q);
        double sum = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0.0 || q[i] == 0.0) {
                throw new IllegalArgumentException("PSI needs strictly positive probabilities; bin "
                        + i + " has p=" + p[i] + ", q=" + q[i] + " (apply smoothing)");
            }
            sum += (p[i] - q[i]) * Math.log(p[i] / q[i]);
        }
        return Math.max(0.0, sum);
    }

    /**
     * {@link #kl} of the smoothed window histogram against {@code q}, computed straight from the
     * raw counts without allocating: {@code P_i = (c_i + alpha) / (n + alpha K)}. This is the
     * per-prediction path of {@link DriftDetector}: O(K).
     *
     * @param counts window counts (length K, each {@code >= 0}), not validated beyond the length
     * @param n      {@code sum counts}
     * @param alpha  smoothing pseudo-count {@code > 0}
     * @param q      smoothed baseline probabilities, all {@code > 0}
     */
    static double klFromCounts(int[] counts, int n, double alpha, double[] q) {
        return fromCounts(counts, n, alpha, q, false);
    }

    /** {@link #psi} of the smoothed window counts against {@code q}; see {@link #klFromCounts}. */
    static double psiFromCounts(int[] counts, int n, double alpha, double[] q) {
        return fromCounts(counts, n, alpha, q, true);
    }

    /**
     * {@code sum_i w_i ln(P_i / q_i)} over the smoothed counts, with {@code w_i = P_i - q_i} for
     * PSI and {@code w_i = P_i} for KL; never negative (rounding aside, both are {@code >= 0}).
     */
    private static double fromCounts(int[] counts, int n, double alpha, double[] q, boolean psi) {
        if (counts.length != q.length) {
            throw new IllegalArgumentException("counts length " + counts.length
                    + " != baseline length " + q.length);
        }
        double denom = n + alpha * counts.length;
        double sum = 0.0;
        for (int i = 0; i < counts.length; i++) {
            double p = (counts[i] + alpha) / denom;
            sum += (psi ? p - q[i] : p) * Math.log(p / q[i]);
        }
        return Math.max(0.0, sum);
    }

    /**
     * Two-sample Kolmogorov-Smirnov test of the live window values against the baseline sample:
     * <pre>
     *   D = sup_x | F_window(x) - F_baseline(x) |,   p = P(D &gt;= d_observed)
     * </pre>
     * with the exact p-value of the permutation distribution given the pooled values, so ties
     * (many scores equal 1.0) are accounted for rather than treated as continuous; see
     * {@link TwoSampleKs} for the algorithm, its sources and its error bound.
     *
     * @param window   live window values, at least 1, finite
     * @param baseline baseline sample values, at least 1, finite
     * @throws IllegalArgumentException if a sample is empty or holds a non-finite value
     */
    public static KsResult ks(double[] window, double[] baseline) {
        return TwoSampleKs.test(window, baseline);
    }

    private static void checkPair(double[] p, double[] q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (p.length != q.length || p.length == 0) {
            throw new IllegalArgumentException("probability vectors must have the same non-zero"
                    + " length, got " + p.length + " and " + q.length);
        }
        checkProbabilities(p, "p");
        checkProbabilities(q, "q");
    }

    private static void checkProbabilities(double[] v, String name) {
        double s = 0.0;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0.0) || Double.isInfinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite and >= 0, got "
                        + v[i]);
            }
            s += v[i];
        }
        if (Math.abs(s - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(name + " must sum to 1 (tolerance " + SUM_TOLERANCE
                    + "), sums to " + s);
        }
    }
}
