package com.routingml.bench;

import com.routingml.drift.Baseline;
import com.routingml.drift.BinEdges;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.DriftStatistics;
import com.routingml.drift.Histogram;
import com.routingml.drift.SlidingWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of feeding one similarity score to drift detection, window N = 1,000 (full), 10 bins,
 * the defaults:
 * <ul>
 *   <li>{@link #observe}: {@code DriftDetector.observe(score)} — incremental window histogram over
 *       a ring buffer plus the KL over the maintained counts (target ≤ 1 µs, no allocation);</li>
 *   <li>{@link #windowAdd}: {@code SlidingWindow.add} alone;</li>
 *   <li>{@link #naiveRecompute}: the earlier system's way, {@link NaiveDriftWindow}: append to the
 *       window, then rebuild the histogram of all 1,000 scores and compute the KL.</li>
 * </ul>
 * Scores cycle through 4,096 values drawn (seeded) from the baseline's own distribution, so the
 * detector stays in its normal state and emits no events, the steady state of production.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
@State(Scope.Thread)
public class DriftBenchmark {

    static final int STREAM = 4096;

    DriftDetector detector;
    SlidingWindow window;
    NaiveDriftWindow naive;
    double[] stream;
    int i;

    @Setup(Level.Trial)
    public void setUp() {
        DriftConfig cfg = DriftConfig.builder().calibrationBootstraps(0).build();
        SplittableRandom rnd = new SplittableRandom(20251005L);
        double[] baselineScores = new double[5_000];
        for (int k = 0; k < baselineScores.length; k++) {
            baselineScores[k] = score(rnd);
        }
        Baseline baseline = Baseline.fit("vbench", baselineScores, cfg);
        stream = new double[STREAM];
        for (int k = 0; k < STREAM; k++) {
            stream[k] = score(rnd);
        }
        detector = new DriftDetector(baseline, cfg);
        window = new SlidingWindow(cfg.windowSize(), baseline.edges());
        naive = new NaiveDriftWindow(cfg.windowSize(), baseline.edges(), cfg.smoothingAlpha(),
                baseline.probabilities());
        for (int k = 0; k < cfg.windowSize(); k++) { // start full: the steady state
            detector.observe(stream[k & (STREAM - 1)]);
            window.add(stream[k & (STREAM - 1)]);
            naive.add(stream[k & (STREAM - 1)]);
        }
    }

    /** Similarity-like scores: mostly high, a tail towards 0.5. */
    private static double score(SplittableRandom rnd) {
        return Math.min(1.0, 0.5 + 0.5 * Math.sqrt(rnd.nextDouble()));
    }

    private double next() {
        return stream[i++ & (STREAM - 1)];
    }

    /** Returns the emitted event (always null here) to the Blackhole; allocation-free. */
    @Benchmark
    public DriftEvent observe() {
        return detector.observe(next());
    }

    @Benchmark
    public int windowAdd() {
        window.add(next());
        return window.size();
    }

    @Benchmark
    public double naiveRecompute() {
        return naive.add(next());
    }

    /**
     * The earlier system's update: keep the last N scores, and on every prediction rebuild the
     * window's histogram from scratch and compute the KL against the baseline. O(N log K) per
     * score (here on the same bins and smoothing as ours, so only the algorithm differs).
     */
    static final class NaiveDriftWindow {
        private final double[] ring;
        private final BinEdges edges;
        private final double alpha;
        private final double[] q;
        private int head;
        private int size;

        NaiveDriftWindow(int capacity, BinEdges edges, double alpha, double[] q) {
            this.ring = new double[capacity];
            this.edges = edges;
            this.alpha = alpha;
            this.q = q;
        }

        /** Adds a score and returns KL(window || baseline), recomputed over the whole window. */
        double add(double score) {
            ring[head] = score;
            head = (head + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
            double[] values = new double[size];
            for (int k = 0; k < size; k++) {
                values[k] = ring[(head - size + k + ring.length) % ring.length];
            }
            double[] p = Histogram.of(edges, values).probabilities(alpha);
            return DriftStatistics.kl(p, q);
        }
    }
}
