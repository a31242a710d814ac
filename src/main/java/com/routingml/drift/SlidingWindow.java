package com.routingml.drift;

import java.util.Objects;

/**
 * Ring buffer of the last {@code N} scores that maintains, incrementally, the bin counts over
 * fixed {@link BinEdges} and the moments needed for the mean and standard deviation.
 *
 * <h2>Cost</h2>
 * {@link #add} is O(log B) (one bin lookup) and allocation-free; when the buffer is full it
 * evicts exactly the oldest score, decrementing that score's own bin (stored per slot, so the
 * eviction never re-bins). Once every {@code N} additions the moments are recomputed exactly from
 * the buffer (O(N)), i.e. O(1) amortised.
 *
 * <h2>Moments and floating-point drift</h2>
 * Running sums updated by add-and-subtract accumulate rounding error without bound over millions
 * of updates, and the textbook {@code (S2 - S1^2/n)/n} cancels catastrophically when the spread
 * is small relative to the mean (scores near 0.95 with std 0.01). Both are avoided by the
 * <em>shifted-data</em> method (Chan, Golub &amp; LeVeque, "Algorithms for computing the sample
 * variance: analysis and recommendations", The American Statistician 37(3), 1983): with a pivot
 * {@code K} close to the mean,
 * <pre>
 *   S1 = sum (x - K),  S2 = sum (x - K)^2,   mean = K + S1/n,   var = (S2 - S1^2/n) / n
 * </pre>
 * and every {@code N} additions {@code K} is reset to the exact (two-pass) mean of the buffer and
 * {@code S1}, {@code S2} are recomputed from scratch, so error cannot accumulate past one cycle.
 *
 * <p>{@link #std()} is the <b>population</b> standard deviation (divisor {@code n}): the window is
 * the whole population being described, and it matches {@code numpy.std}'s default that the
 * earlier system reported as {@code buffer_std}.
 *
 * <p><b>Not thread-safe</b>: confine to one thread or guard externally ({@link DriftDetector}
 * does so under its lock).
 */
public final class SlidingWindow {

    private final BinEdges edges;
    private final double[] values;
    private final int[] binOfSlot;
    private final int[] counts;
    private int head;          // slot of the oldest value
    private int size;
    private double pivot;      // K of the shifted-data method
    private double s1;         // sum (x - pivot)
    private double s2;         // sum (x - pivot)^2
    private int addsSinceRecompute;

    /**
     * @param capacity the window size {@code N >= 1}
     * @param edges    bin edges shared with the baseline
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public SlidingWindow(int capacity, BinEdges edges) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be >= 1, got " + capacity);
        }
        this.edges = Objects.requireNonNull(edges, "edges");
        this.values = new double[capacity];
        this.binOfSlot = new int[capacity];
        this.counts = new int[edges.numBins()];
    }

    /**
     * Adds a score, evicting the oldest one when the window is full.
     *
     * @param score a score in [0, 1]
     * @throws IllegalArgumentException if the score is NaN, infinite or outside [0, 1]
     */
    public void add(double score) {
        BinEdges.checkScore(score, "window", size);
        int bin = edges.binOf(score);
        int cap = values.length;
        if (size == cap) {
            double old = values[head];
            counts[binOfSlot[head]]--;
            double d = old - pivot;
            s1 -= d;
            s2 -= d * d;
            values[head] = score;
            binOfSlot[head] = bin;
            head = head + 1 == cap ? 0 : head + 1;
        } else {
            int slot = head + size;
            if (slot >= cap) {
                slot -= cap;
            }
            values[slot] = score;
            binOfSlot[slot] = bin;
            size++;
        }
        counts[bin]++;
        double d = score - pivot;
        s1 += d;
        s2 += d * d;
        if (++addsSinceRecompute >= cap) {
            recomputeMoments();
        }
    }

    /** Exact two-pass recomputation; resets the pivot to the mean. O(size), allocation-free. */
    private void recomputeMoments() {
        addsSinceRecompute = 0;
        if (size == 0) {
            pivot = s1 = s2 = 0.0;
            return;
        }
        int cap = values.length;
        double sum = 0.0;
        for (int i = 0, slot = head; i < size; i++, slot = slot + 1 == cap ? 0 : slot + 1) {
            sum += values[slot];
        }
        double mean = sum / size;
        double a = 0.0;
        double b = 0.0;
        for (int i = 0, slot = head; i < size; i++, slot = slot + 1 == cap ? 0 : slot + 1) {
            double d = values[slot] - mean;
            a += d;
            b += d * d;
        }
        pivot = mean;
        s1 = a;     // ~0; kept rather than forced to 0 so mean() stays the corrected two-pass mean
        s2 = b;
    }

    /** Removes all scores. */
    public void clear() {
        head = 0;
        size = 0;
        java.util.Arrays.fill(counts, 0);
        pivot = s1 = s2 = 0.0;
        addsSinceRecompute = 0;
    }

    /**
     * Replaces the content with saved values (oldest first), keeping only the last
     * {@code capacity} of them. Used to restore a window after a restart.
     *
     * @throws IllegalArgumentException if a value is NaN, infinite or outside [0, 1]; the window
     *                                  is left unchanged in that case
     */
    public void restore(double[] saved) {
        Objects.requireNonNull(saved, "saved");
        int from = Math.max(0, saved.length - values.length);
        for (int i = from; i < saved.length; i++) {
            BinEdges.checkScore(saved[i], "saved window", i);
        }
        clear();
        for (int i = from; i < saved.length; i++) {
            add(saved[i]);
        }
        recomputeMoments();
    }

    /** The number of scores held, {@code <= capacity()}. */
    public int size() {
        return size;
    }

    /** The window size {@code N}. */
    public int capacity() {
        return values.length;
    }

    /** The edges the counts refer to. */
    public BinEdges edges() {
        return edges;
    }

    /** Mean of the held scores; 0 when empty. */
    public double mean() {
        return size == 0 ? 0.0 : pivot + s1 / size;
    }

    /** Population variance {@code sum (x - mean)^2 / n}; 0 when empty. Never negative. */
    public double variance() {
        if (size == 0) {
            return 0.0;
        }
        double v = (s2 - s1 * s1 / size) / size;
        return Math.max(0.0, v);
    }

    /** Population standard deviation (divisor {@code n}); 0 when empty. */
    public double std() {
        return Math.sqrt(variance());
    }

    /** A copy of the bin counts (length {@code edges().numBins()}). */
    public int[] countsSnapshot() {
        return counts.clone();
    }

    /** Internal, no copy: for O(K) statistics under the owner's lock. Do not modify. */
    int[] countsView() {
        return counts;
    }

    /** A copy of the held scores, oldest first (for KS tests and durable snapshots). */
    public double[] values() {
        double[] out = new double[size];
        int cap = values.length;
        int first = Math.min(size, cap - head);
        System.arraycopy(values, head, out, 0, first);
        System.arraycopy(values, 0, out, first, size - first);
        return out;
    }
}
