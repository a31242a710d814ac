package com.routingml.drift;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bin counts of a sample over fixed {@link BinEdges}, and their additively smoothed probabilities.
 *
 * <h2>Additive (Laplace / Lidstone) smoothing</h2>
 * With counts {@code c_i}, {@code n = sum c_i} and {@code K} bins,
 * <pre>
 *   p_i = (c_i + alpha) / (n + alpha * K),     alpha &gt; 0
 * </pre>
 * (Manning &amp; Schütze, <i>Foundations of Statistical NLP</i>, 1999, §6.2.2; alpha = 1 is
 * Laplace's rule, alpha = 0.5 the Jeffreys-Perks prior.) Every {@code p_i > 0}, so
 * {@code ln(P_i / Q_i)} is finite even for bins that are empty in the window or the baseline.
 * The same alpha must be used for the baseline and the window.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Histogram {

    private final BinEdges edges;
    private final long[] counts;
    private final long total;

    private Histogram(BinEdges edges, long[] counts, long total) {
        this.edges = edges;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Bins a sample.
     *
     * @param edges  the shared bin edges
     * @param values finite values (may be empty)
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    public static Histogram of(BinEdges edges, double[] values) {
        Objects.requireNonNull(edges, "edges");
        Objects.requireNonNull(values, "values");
        long[] c = new long[edges.numBins()];
        for (double v : values) {
            c[edges.binOf(v)]++;
        }
        return new Histogram(edges, c, values.length);
    }

    /**
     * Wraps existing counts (copied).
     *
     * @throws IllegalArgumentException if the length differs from {@code edges.numBins()} or a
     *                                  count is negative
     */
    public static Histogram ofCounts(BinEdges edges, long[] counts) {
        Objects.requireNonNull(edges, "edges");
        if (counts.length != edges.numBins()) {
            throw new IllegalArgumentException("expected " + edges.numBins() + " counts, got "
                    + counts.length);
        }
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count " + i + " is negative: " + counts[i]);
            }
            n += counts[i];
        }
        return new Histogram(edges, counts.clone(), n);
    }

    /**
     * Smoothed probabilities {@code p_i = (c_i + alpha) / (n + alpha K)}.
     *
     * @param alpha smoothing pseudo-count, finite and {@code > 0}
     * @throws IllegalArgumentException if alpha is not finite and positive
     */
    public double[] probabilities(double alpha) {
        return smoothed(counts, total, alpha);
    }

    /**
     * Smoothed probabilities of raw counts; see the class documentation for the formula.
     *
     * @param counts bin counts {@code c_i >= 0}
     * @param n      {@code sum c_i}
     * @param alpha  finite, {@code > 0}
     */
    public static double[] smoothed(long[] counts, long n, double alpha) {
        checkAlpha(alpha);
        double denom = n + alpha * counts.length;
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = (counts[i] + alpha) / denom;
        }
        return p;
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0.0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha must be finite and > 0, got "
                    + alpha);
        }
    }

    /** The edges the counts refer to. */
    public BinEdges edges() {
        return edges;
    }

    /** A copy of the bin counts. */
    public long[] counts() {
        return counts.clone();
    }

    /** The number of binned values {@code n}. */
    public long total() {
        return total;
    }

    @Override
    public String toString() {
        return "Histogram[total=" + total + ", counts=" + Arrays.toString(counts) + "]";
    }
}
