package com.routingml.drift;

import java.util.Arrays;

/**
 * Histogram bin edges fixed once from a <em>baseline</em> sample of similarity scores and then
 * shared, unchanged, by the baseline histogram and every live window histogram. (The earlier
 * system built the baseline and the live window on different bins, which made its KL figure
 * meaningless; sharing one {@code BinEdges} instance makes that impossible.)
 *
 * <h2>Definition</h2>
 * Let {@code x(0) <= ... <= x(n-1)} be the sorted baseline sample and {@code B} the requested
 * number of quantile bins. The candidate lower edges are the type-1 (inverse empirical CDF)
 * quantiles
 * <pre>
 *   e_i = x(floor(i * n / B)),   i = 0 .. B-1        (so e_0 = min of the sample)
 * </pre>
 * and the upper bound is {@code hi = x(n-1)}, the sample maximum. Duplicate candidate edges
 * (ties, e.g. many scores exactly 1.0, or {@code n < B}) are collapsed, leaving
 * {@code L >= 1} strictly increasing lower edges {@code l_0 < ... < l_{L-1}} with
 * {@code l_{L-1} <= hi}. The {@code K = L + 2} bins are
 * <pre>
 *   bin 0        underflow   x &lt; l_0
 *   bin j (1..L-1)           l_{j-1} &lt;= x &lt; l_j
 *   bin L                    l_{L-1} &lt;= x &lt;= hi       (closed: contains the sample maximum)
 *   bin L+1      overflow    x &gt; hi
 * </pre>
 * With a continuous baseline every interior bin holds {@code floor((j+1)n/B) - floor(j n/B)}
 * baseline values, i.e. equal counts. With a point mass (say 15 % of scores are exactly 1.0) the
 * half-open bins give the point mass a bin of its own ({@code [1.0, 1.0]}) instead of merging it
 * with the scores just below. The underflow and overflow bins are empty for the baseline itself;
 * they catch live scores outside the range ever seen in the baseline, a strong drift signal.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BinEdges {

    /** Default number of quantile bins. */
    public static final int DEFAULT_BINS = 10;

    private final int requestedBins;
    private final double[] lowerEdges;
    private final double upper;

    private BinEdges(int requestedBins, double[] lowerEdges, double upper) {
        this.requestedBins = requestedBins;
        this.lowerEdges = lowerEdges;
        this.upper = upper;
    }

    /**
     * Fits bin edges to a baseline sample (the array is not modified).
     *
     * @param baseline baseline scores: non-empty, every value finite and in [0, 1]
     * @param bins     requested number of quantile bins {@code B >= 1}
     * @return the edges
     * @throws IllegalArgumentException if {@code bins < 1}, the sample is empty, or a value is
     *                                  NaN, infinite or outside [0, 1] (the message names the
     *                                  index and value)
     * @throws NullPointerException     if {@code baseline} is null
     */
    public static BinEdges fit(double[] baseline, int bins) {
        if (baseline == null) {
            throw new NullPointerException("baseline sample is null");
        }
        checkScores(baseline, "baseline");
        double[] sorted = baseline.clone();
        Arrays.sort(sorted);
        return fitSorted(sorted, bins);
    }

    /**
     * Fits bin edges to an already sorted sample without copying it. Package-private: used by
     * {@link Baseline#fit} and the calibration bootstrap, which own sorted, validated arrays.
     */
    static BinEdges fitSorted(double[] sorted, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("baseline sample is empty");
        }
        double[] candidates = new double[bins];
        int distinct = 0;
        for (int i = 0; i < bins; i++) {
            // long arithmetic: i * n overflows int for large samples
            double e = sorted[(int) ((long) i * n / bins)];
            if (distinct == 0 || e > candidates[distinct - 1]) {
                candidates[distinct++] = e;
            }
        }
        return new BinEdges(bins, Arrays.copyOf(candidates, distinct), sorted[n - 1]);
    }

    /**
     * Returns the bin index of a score, in {@code [0, numBins())}; O(log B) by binary search.
     *
     * @param score a finite score (any finite value is binned; values outside the baseline range
     *              go to the underflow or overflow bin)
     * @return the bin index as defined in the class documentation
     * @throws IllegalArgumentException if {@code score} is NaN or infinite
     */
    public int binOf(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        if (score < lowerEdges[0]) {
            return 0;
        }
        if (score > upper) {
            return lowerEdges.length + 1;
        }
        int pos = Arrays.binarySearch(lowerEdges, score);
        // exact hit: bin starting at that edge; otherwise insertion point - 1 is the largest
        // edge below the score. Edges are distinct, so binarySearch is unambiguous.
        int j = pos >= 0 ? pos : -pos - 2;
        return j + 1;
    }

    /** Number of bins {@code K = L + 2}, including the underflow and overflow bins. */
    public int numBins() {
        return lowerEdges.length + 2;
    }

    /** The requested number of quantile bins {@code B} (before duplicate edges were collapsed). */
    public int requestedBins() {
        return requestedBins;
    }

    /** A copy of the distinct lower edges {@code l_0 < ... < l_{L-1}}. */
    public double[] lowerEdges() {
        return lowerEdges.clone();
    }

    /** The upper bound {@code hi} (the baseline maximum); scores above it are overflow. */
    public double upper() {
        return upper;
    }

    /**
     * Checks that every value is finite and in [0, 1].
     *
     * @throws IllegalArgumentException naming the first offending index and value, or if empty
     */
    static void checkScores(double[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " sample is empty");
        }
        for (int i = 0; i < values.length; i++) {
            checkScore(values[i], what, i);
        }
    }

    static void checkScore(double v, String what, int index) {
        if (!(v >= 0.0 && v <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException(what + " score at index " + index
                    + " must be finite and in [0, 1], got " + v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinEdges other
                && requestedBins == other.requestedBins
                && Double.compare(upper, other.upper) == 0
                && Arrays.equals(lowerEdges, other.lowerEdges);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * requestedBins + Arrays.hashCode(lowerEdges)) + Double.hashCode(upper);
    }

    @Override
    public String toString() {
        return "BinEdges[requestedBins=" + requestedBins + ", lowerEdges="
                + Arrays.toString(lowerEdges) + ", upper=" + upper + "]";
    }
}
