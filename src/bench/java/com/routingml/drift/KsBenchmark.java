package com.routingml.drift;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the exact KS test on the status path, a full window of N = 1,000 scores against a
 * baseline sample of 1,000 or 5,000 scores (5,000 is {@code routingml.model.max-holdout}, the
 * largest by default), scores with 12 % ties at 1.0 ({@link Scores}):
 * <ul>
 *   <li>{@link #ks}: {@code DriftStatistics.ks(window, baseline)} alone;</li>
 *   <li>{@link #status}: {@code DriftDetector.status(now)}, what {@code GET /api/drift/status}
 *       computes (KL, PSI, KS, the retrain rule).</li>
 * </ul>
 * The cost grows with the statistic D (the recursion visits about {@code 2 D n m} cells), so the
 * window is undrifted, shifted by 0.05 or shifted by 0.3 (a severe drift: the whole grid).
 *
 * <p>{@link #main} measures the same calls in thread CPU time, the cost on a core of its own,
 * which a shared, loaded machine does not give to JMH's wall-clock figures:
 * <pre>
 *   java -cp target/bench/benchmarks.jar com.routingml.drift.KsBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
@State(Scope.Thread)
public class KsBenchmark {

    @Param({"1000", "5000"})
    int baselineSize;

    @Param({"0.0", "0.05", "0.3"})
    double shift;

    double[] window;
    double[] baseline;
    DriftDetector detector;
    Instant now;

    @Setup(Level.Trial)
    public void setUp() {
        DriftConfig cfg = DriftConfig.builder().calibrationBootstraps(0).build();
        double[] holdout = Scores.withTies(20251005L).sample(baselineSize, 0);
        Baseline fitted = Baseline.fit("vbench", holdout, cfg);
        baseline = fitted.sample();
        window = Scores.withTies(7L).sample(cfg.windowSize(), shift);
        detector = new DriftDetector(fitted, cfg);
        long t = 0;
        for (double s : window) {
            detector.observe(s, t);
        }
        now = Instant.ofEpochMilli(t);
    }

    @Benchmark
    public DriftStatistics.KsResult ks() {
        return DriftStatistics.ks(window, baseline);
    }

    @Benchmark
    public DriftDetector.Status status() {
        return detector.status(now);
    }

    /** Thread CPU time per call, median of 15 rounds of 20 calls after 40 warm-up calls. */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("baseline  shift  D       cells≈2Dnm  ks ms (CPU)  status ms (CPU)");
        for (int size : new int[] {1000, 5000}) {
            for (double shift : new double[] {0.0, 0.05, 0.3}) {
                KsBenchmark b = new KsBenchmark();
                b.baselineSize = size;
                b.shift = shift;
                b.setUp();
                double d = b.ks().statistic();
                double[] perCall = new double[2];
                for (int which = 0; which < 2; which++) {
                    double[] rounds = new double[15];
                    for (int w = 0; w < 40; w++) {
                        consume(which == 0 ? b.ks() : b.status());
                    }
                    for (int r = 0; r < rounds.length; r++) {
                        long t0 = mx.getCurrentThreadCpuTime();
                        for (int k = 0; k < 20; k++) {
                            consume(which == 0 ? b.ks() : b.status());
                        }
                        rounds[r] = (mx.getCurrentThreadCpuTime() - t0) / 20 / 1e6;
                    }
                    java.util.Arrays.sort(rounds);
                    perCall[which] = rounds[rounds.length / 2];
                }
                System.out.printf(java.util.Locale.ROOT, "%8d  %5.2f  %.4f  %10.2e  %11.2f  %15.2f%n", size, shift, d,
                        Math.min(1.0, 2 * d) * 1000.0 * size, perCall[0], perCall[1]);
            }
        }
    }

    private static int sink;

    private static void consume(Object o) {
        sink += o.hashCode();
    }
}
