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
 * Cost of the exact KS test on the status path, a full window of N = 1,000 scores against the
 * baseline sample, scores with 12 % ties at 1.0 ({@link Scores}):
 * <ul>
 *   <li>{@link #ks}: {@code DriftStatistics.ks(window, baseline)} alone;</li>
 *   <li>{@link #status}: {@code DriftDetector.status(now)}, what {@code GET /api/drift/status}
 *       computes (KL, PSI, KS, the retrain rule).</li>
 * </ul>
 * The cost grows with the statistic D (the recursion visits about {@code 2 D n m} cells), so the
 * window is undrifted, shifted by 0.05 or shifted by 0.3 (a severe drift: the whole grid).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
@State(Scope.Thread)
public class KsBenchmark {

    @Param({"5000", "17800"})
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
}
