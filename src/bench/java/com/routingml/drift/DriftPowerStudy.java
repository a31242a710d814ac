package com.routingml.drift;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * Power study of the detector: for growing downward shifts of the score distribution, the share
 * of disjoint windows of {@code N} scores judged drifting and the delay (scores after the change
 * until the first DRIFT event), under the fixed and the calibrated threshold. Deterministic
 * (seeded), on the test fixture {@link Scores}. Run:
 * <pre>
 *   mvn -Pbench -DskipTests package &amp;&amp; java -cp target/bench/benchmarks.jar com.routingml.drift.DriftPowerStudy
 * </pre>
 * A study, not part of the product nor a test. Printing to stdout is its job.
 */
public final class DriftPowerStudy {

    static final int BASELINE_N = 5000;
    static final int WINDOWS = 200;
    static final int DELAY_RUNS = 50;
    static final int DELAY_CAP = 20_000;
    static final double[] SHIFTS = {0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2};

    private DriftPowerStudy() {
    }

    /** Share of disjoint full windows with {@code kl > T(N)}. */
    static double windowPower(Baseline b, DriftConfig cfg, Scores src, double shift, int windows) {
        DriftDetector d = new DriftDetector(b, cfg);
        long t = Instant.EPOCH.toEpochMilli();
        int flagged = 0;
        int n = cfg.windowSize();
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < n; i++) {
                d.observe(src.next(shift), t);
            }
            DriftDetector.Observation o = d.lastObservation();
            if (o.kl() > o.threshold()) {
                flagged++;
            }
        }
        return (double) flagged / windows;
    }

    /** DRIFT events per N scores on a long stream (sequential false alarms when shift = 0). */
    static double eventsPerWindow(Baseline b, DriftConfig cfg, Scores src, double shift, int windows) {
        DriftDetector d = new DriftDetector(b, cfg);
        long t = Instant.EPOCH.toEpochMilli();
        int events = 0;
        for (long i = 0; i < (long) windows * cfg.windowSize(); i++) {
            if (d.observe(src.next(shift), t) != null) {
                events++;
            }
        }
        return (double) events / windows;
    }

    /**
     * Delays: a full window of unshifted scores, then shifted scores until the first DRIFT event
     * (capped). Returns {median delay over detected runs, share detected, false alarms in warm-up}.
     */
    static double[] delay(Baseline b, DriftConfig cfg, Scores src, double shift, int runs, int cap) {
        int[] delays = new int[runs];
        int detected = 0;
        int warmAlarms = 0;
        long t = Instant.EPOCH.toEpochMilli();
        for (int r = 0; r < runs; r++) {
            DriftDetector d = new DriftDetector(b, cfg);
            for (int i = 0; i < cfg.windowSize(); i++) {
                if (d.observe(src.next(0), t) != null) {
                    warmAlarms++;
                }
            }
            int k = 0;
            boolean hit = false;
            while (k < cap && !hit) {
                k++;
                hit = d.observe(src.next(shift), t) != null;
            }
            if (hit && d.history().size() > 0) {
                delays[detected++] = k;
            }
        }
        double median = Double.NaN;
        if (detected > 0) {
            int[] s = Arrays.copyOf(delays, detected);
            Arrays.sort(s);
            median = detected % 2 == 1 ? s[detected / 2] : (s[detected / 2 - 1] + s[detected / 2]) / 2.0;
        }
        return new double[] {median, (double) detected / runs, warmAlarms};
    }

    static void study(String title, boolean ties, long seed) {
        DriftConfig fixed = DriftConfig.defaults();
        DriftConfig calibrated = fixed.toBuilder()
                .thresholdMode(DriftConfig.ThresholdMode.CALIBRATED).build();
        Scores holdout = ties ? Scores.withTies(seed) : Scores.continuous(seed);
        double[] hold = holdout.sample(BASELINE_N, 0);
        long t0 = System.nanoTime();
        Baseline b = Baseline.fit("study", hold, fixed);
        long fitMs = (System.nanoTime() - t0) / 1_000_000;
        Baseline.Calibration cal = b.calibration().orElseThrow();
        double[] sorted = b.sample();
        int k = b.edges().numBins();
        System.out.printf(Locale.ROOT, "%n## %s%n", title);
        System.out.printf(Locale.ROOT, "baseline n=%d, N=%d, bins K=%d (incl. under/overflow), alpha=%.1f, "
                        + "R=%d, target FPR=%.2f per N scores, fit+calibration %d ms%n", BASELINE_N,
                fixed.windowSize(), k, fixed.smoothingAlpha(), cal.replicates(), cal.targetFpr(), fitMs);
        System.out.printf(Locale.ROOT,
                "null KL of one full window: bootstrap mean %.5f; theory (K-1)/2*(1/N+1/n) = %.5f%n",
                cal.nullMeanKl(), (k - 1) / 2.0 * (1.0 / fixed.windowSize() + 1.0 / BASELINE_N));
        double[][] full = Baseline.bootstrapNull(sorted, fixed, true);
        double[][] windowOnly = Baseline.bootstrapNull(sorted, fixed, false);
        String[] names = {"single-window KL, window-only resampling",
            "single-window KL, whole-pipeline resampling",
            "max KL over N sliding positions, whole pipeline (used)"};
        double[][] stats = {windowOnly[0], full[0], full[1]};
        System.out.println();
        System.out.println("| calibration scheme | threshold | per-window FPR | false DRIFT events per N |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < 3; i++) {
            double[] st = stats[i].clone();
            Arrays.sort(st);
            double thr = Baseline.upperQuantile(st, fixed.targetFalsePositiveRate());
            Baseline bw = new Baseline("study", b.edges(), b.probabilities(), sorted, b.smoothingAlpha(),
                    java.util.Optional.of(new Baseline.Calibration(thr, cal.windowSize(),
                            cal.smoothingAlpha(), cal.targetFpr(), cal.replicates(), cal.seed(), cal.nullMeanKl())));
            double pw = windowPower(bw, calibrated, src(ties, seed + 1000 + i), 0, WINDOWS);
            double ev = eventsPerWindow(bw, calibrated, src(ties, seed + 2000 + i), 0, WINDOWS);
            System.out.printf(Locale.ROOT, "| %s | %.5f | %.3f | %.3f |%n", names[i], thr, pw, ev);
        }
        System.out.println();
        System.out.println("| shift | mean shift | power fixed | power calibrated | median delay fixed "
                + "| median delay calibrated | detected fixed / calibrated | events per N, calibrated |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int s = 0; s < SHIFTS.length; s++) {
            double shift = SHIFTS[s];
            long sd = seed * 1000 + s;
            double[] probe = (ties ? Scores.withTies(sd + 7) : Scores.continuous(sd + 7)).sample(100_000, 0);
            double[] moved = (ties ? Scores.withTies(sd + 7) : Scores.continuous(sd + 7)).sample(100_000, shift);
            double meanShift = Arrays.stream(probe).average().orElse(0) - Arrays.stream(moved).average().orElse(0);
            double pf = windowPower(b, fixed, src(ties, sd + 1), shift, WINDOWS);
            double pc = windowPower(b, calibrated, src(ties, sd + 2), shift, WINDOWS);
            double[] df = delay(b, fixed, src(ties, sd + 3), shift, DELAY_RUNS, DELAY_CAP);
            double[] dc = delay(b, calibrated, src(ties, sd + 4), shift, DELAY_RUNS, DELAY_CAP);
            double ev = eventsPerWindow(b, calibrated, src(ties, sd + 5), shift, WINDOWS);
            System.out.printf(Locale.ROOT, "| %.3f | %.4f | %.3f | %.3f | %s | %s | %.2f / %.2f | %.3f |%n",
                    shift, meanShift, pf, pc, fmt(df[0]), fmt(dc[0]), df[1], dc[1], ev);
        }
    }

    private static Scores src(boolean ties, long seed) {
        return ties ? Scores.withTies(seed) : Scores.continuous(seed);
    }

    private static String fmt(double median) {
        return Double.isNaN(median) ? "not detected (cap " + DELAY_CAP + ")"
                : String.format(Locale.ROOT, "%.0f", median);
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        study("Scores with 12 % exact matches at 1.0 + Beta(8,2) body, shifted down and clipped", true, 11);
        study("Continuous Beta(8,2) scores (no ties), shifted down and clipped", false, 12);
        System.out.printf(Locale.ROOT, "%nPower: share of %d disjoint windows of N scores with KL > T(N). "
                + "Delay: scores after the change until the first DRIFT event, detector warmed with a full "
                + "window of unshifted scores, %d runs, cap %d. Events per N: DRIFT events per %d-score "
                + "block on a continuous stream (shift 0 = sequential false alarms).%n"
                + "total %d s%n", WINDOWS, DELAY_RUNS, DELAY_CAP, DriftConfig.defaults().windowSize(),
                (System.nanoTime() - t0) / 1_000_000_000L);
    }
}
