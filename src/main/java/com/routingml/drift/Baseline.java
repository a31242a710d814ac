package com.routingml.drift;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The reference distribution of one model version's similarity scores: bin edges, smoothed
 * baseline probabilities {@code Q}, the baseline sample (sorted, for the KS test) and, optionally,
 * a calibrated KL threshold. Training writes it from held-out scores (the earlier system needed a
 * {@code validation_scores.npy} that training never wrote, so it never detected anything).
 *
 * <p>Immutable and thread-safe: array components are copied in and out.
 *
 * @param modelVersion   the model version whose holdout scores this describes
 * @param edges          bin edges fitted to the sample
 * @param probabilities  smoothed baseline probabilities {@code Q_i = (c_i + alpha)/(n + alpha K)}
 * @param sample         the baseline sample, sorted ascending
 * @param smoothingAlpha the alpha used for {@code probabilities}
 * @param calibration    the calibrated threshold, if calibration was run
 */
public record Baseline(
        String modelVersion,
        BinEdges edges,
        double[] probabilities,
        double[] sample,
        double smoothingAlpha,
        Optional<Calibration> calibration) {

    /**
     * Result of the bootstrap calibration.
     *
     * @param threshold       the {@code (1 - targetFpr)} quantile of the bootstrap null maximum
     *                        KL over {@code N + 1} sliding positions (see {@link Baseline#fit})
     * @param windowSize      the window size {@code N} it is valid for
     * @param smoothingAlpha  the smoothing it was computed with
     * @param targetFpr       the probability of a false DRIFT event per {@code N} scores aimed at
     * @param replicates      bootstrap replicates {@code R}
     * @param seed            the SplittableRandom seed
     * @param nullMeanKl      the mean bootstrap null KL of one full window (for reference: about
     *                        {@code (K-1)/2 * (1/N + 1/n)})
     */
    public record Calibration(double threshold, int windowSize, double smoothingAlpha,
                              double targetFpr, int replicates, long seed, double nullMeanKl) {
        public Calibration {
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("calibrated threshold must be finite and >= 0, got "
                        + threshold);
            }
            if (windowSize < 1) {
                throw new IllegalArgumentException("windowSize must be >= 1, got " + windowSize);
            }
        }
    }

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if the model version is blank, the probabilities do not
     *                                  match the edges (length, positivity, sum), or the sample is
     *                                  empty, unsorted or holds a value outside [0, 1]
     */
    public Baseline {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(edges, "edges");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(calibration, "calibration");
        if (modelVersion.isBlank()) {
            throw new IllegalArgumentException("modelVersion must not be blank");
        }
        Histogram.checkAlpha(smoothingAlpha);
        if (probabilities.length != edges.numBins()) {
            throw new IllegalArgumentException("expected " + edges.numBins()
                    + " probabilities, got " + probabilities.length);
        }
        double s = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] > 0) || probabilities[i] > 1) {
                throw new IllegalArgumentException("baseline probability " + i
                        + " must be in (0, 1] (smoothed), got " + probabilities[i]);
            }
            s += probabilities[i];
        }
        if (Math.abs(s - 1) > DriftStatistics.SUM_TOLERANCE) {
            throw new IllegalArgumentException("baseline probabilities sum to " + s + ", not 1");
        }
        BinEdges.checkScores(sample, "baseline");
        for (int i = 1; i < sample.length; i++) {
            if (sample[i] < sample[i - 1]) {
                throw new IllegalArgumentException("baseline sample must be sorted; index " + i
                        + " holds " + sample[i] + " < " + sample[i - 1]);
            }
        }
        probabilities = probabilities.clone();
        sample = sample.clone();
    }

    /**
     * Fits a baseline to held-out similarity scores and, if {@code cfg.calibrationBootstraps() > 0},
     * calibrates a KL threshold.
     *
     * <h2>Calibration</h2>
     * A plug-in KL of a window of {@code N} scores against the baseline is biased upwards even
     * with no drift: {@code 2N KL} is approximately chi-square with {@code K-1} degrees of
     * freedom, so the null KL is about {@code (K-1)/(2N)} ≈ 0.0045 for {@code N = 1000}, and the
     * fixed 0.5 only catches very large shifts. The calibrated threshold is the
     * {@code (1 - targetFalsePositiveRate)} empirical quantile (type 1: the
     * {@code ceil((1-fpr) R)}-th smallest) of {@code R} bootstrap replicates (Efron &amp;
     * Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993, ch. 16) of the statistic
     * <pre>
     *   M = max_{t = N..2N} KL(window ending at score t || baseline)
     * </pre>
     * on a null stream of {@code 2N} scores. The detector judges after <em>every</em> score, so
     * the per-window quantile of a single KL would be crossed far more often than {@code fpr}
     * (docs/concept_drift_detection.md, "Calibration and power"); with {@code M},
     * {@code targetFalsePositiveRate} is the probability of a false DRIFT event within {@code N}
     * scores of undrifted traffic. Each replicate re-runs the <em>whole</em> pipeline on data
     * drawn with replacement from the holdout sample (seeded {@link SplittableRandom}): a
     * bootstrap baseline of {@code n} scores (new edges, new {@code Q}) and the stream. Resampling
     * only the window against the fixed baseline (the simpler scheme) ignores the baseline's own
     * sampling noise, about a factor {@code 1 + N/n} on the null KL, and never produces scores
     * outside the baseline range, so it under-estimates the threshold; {@code DriftPowerStudy}
     * measures the effect.
     * Cost O(R (n log K + N (log K + K))).
     *
     * @param modelVersion  the model version the scores come from
     * @param holdoutScores held-out best-neighbour similarity scores, finite, in [0, 1]
     * @param cfg           bins, smoothing, window size and calibration settings
     * @throws IllegalArgumentException if the scores are empty or a value is invalid (named)
     */
    public static Baseline fit(String modelVersion, double[] holdoutScores, DriftConfig cfg) {
        Objects.requireNonNull(holdoutScores, "holdoutScores");
        Objects.requireNonNull(cfg, "cfg");
        BinEdges.checkScores(holdoutScores, "holdout");
        double[] sorted = holdoutScores.clone();
        Arrays.sort(sorted);
        BinEdges edges = BinEdges.fitSorted(sorted, cfg.bins());
        double[] q = Histogram.of(edges, sorted).probabilities(cfg.smoothingAlpha());
        Optional<Calibration> cal = Optional.empty();
        if (cfg.calibrationBootstraps() > 0) {
            double[][] nullKl = bootstrapNull(sorted, cfg, true);
            double mean = Arrays.stream(nullKl[0]).average().orElse(0);
            double[] maxKl = nullKl[1];
            Arrays.sort(maxKl);
            cal = Optional.of(new Calibration(upperQuantile(maxKl, cfg.targetFalsePositiveRate()),
                    cfg.windowSize(), cfg.smoothingAlpha(), cfg.targetFalsePositiveRate(),
                    cfg.calibrationBootstraps(), cfg.seed(), mean));
        }
        return new Baseline(modelVersion, edges, q, sorted, cfg.smoothingAlpha(), cal);
    }

    /** Type-1 quantile at level {@code 1 - fpr} of sorted values. */
    static double upperQuantile(double[] sortedValues, double fpr) {
        int r = sortedValues.length;
        // the small epsilon keeps e.g. 0.99 * 500 = 494.99999999999994 from rounding to 496
        int k = (int) Math.ceil((1.0 - fpr) * r - 1e-9);
        return sortedValues[Math.min(r, Math.max(1, k)) - 1];
    }

    /**
     * The {@code R} bootstrap replicates of the null KL (unsorted).
     *
     * @param sorted         the sorted holdout sample
     * @param refitBaseline  true: resample the baseline too and refit its edges (the scheme
     *                       {@link #fit} uses); false: resample only the window against the fixed
     *                       baseline (kept to measure how much that under-estimates)
     */
    static double[] bootstrapNullKl(double[] sorted, DriftConfig cfg, boolean refitBaseline) {
        return bootstrapNull(sorted, cfg, refitBaseline)[1];
    }

    /**
     * The {@code R} bootstrap replicates of the null, unsorted: {@code [0]} the KL of one full
     * window, {@code [1]} the maximum KL over the {@code N + 1} sliding positions of a stream of
     * {@code 2N} scores (the first {@code N} fill the window).
     *
     * @param sorted         the sorted holdout sample
     * @param refitBaseline  true: resample the baseline too and refit its edges (the scheme
     *                       {@link #fit} uses); false: resample only the window against the fixed
     *                       baseline (kept to measure how much that under-estimates)
     */
    static double[][] bootstrapNull(double[] sorted, DriftConfig cfg, boolean refitBaseline) {
        int n = sorted.length;
        int windowN = cfg.windowSize();
        int reps = cfg.calibrationBootstraps();
        double alpha = cfg.smoothingAlpha();
        SplittableRandom rnd = new SplittableRandom(cfg.seed());
        BinEdges fixedEdges = BinEdges.fitSorted(sorted, cfg.bins());
        double[] fixedQ = Histogram.of(fixedEdges, sorted).probabilities(alpha);
        int[] multiplicity = refitBaseline ? new int[n] : null;
        double[] boot = refitBaseline ? new double[n] : null;
        int[] ring = new int[windowN];
        double[] single = new double[reps];
        double[] max = new double[reps];
        for (int r = 0; r < reps; r++) {
            BinEdges edges = fixedEdges;
            double[] q = fixedQ;
            if (refitBaseline) {
                // Counting sort of n indices drawn with replacement: the bootstrap sample comes
                // out sorted in O(n), with no per-replicate sort.
                Arrays.fill(multiplicity, 0);
                for (int i = 0; i < n; i++) {
                    multiplicity[rnd.nextInt(n)]++;
                }
                int k = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = multiplicity[i]; c > 0; c--) {
                        boot[k++] = sorted[i];
                    }
                }
                edges = BinEdges.fitSorted(boot, cfg.bins());
                q = Histogram.of(edges, boot).probabilities(alpha);
            }
            int[] counts = new int[edges.numBins()];
            for (int i = 0; i < windowN; i++) {
                int b = edges.binOf(sorted[rnd.nextInt(n)]);
                ring[i] = b;
                counts[b]++;
            }
            double kl = DriftStatistics.klFromCounts(counts, windowN, alpha, q);
            single[r] = kl;
            double m = kl;
            for (int i = 0; i < windowN; i++) {
                int b = edges.binOf(sorted[rnd.nextInt(n)]);
                counts[ring[i]]--;
                ring[i] = b;
                counts[b]++;
                m = Math.max(m, DriftStatistics.klFromCounts(counts, windowN, alpha, q));
            }
            max[r] = m;
        }
        return new double[][] {single, max};
    }

    /** A copy of the smoothed baseline probabilities. */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** A copy of the sorted baseline sample. */
    @Override
    public double[] sample() {
        return sample.clone();
    }

    /** Internal, no copy. Do not modify. */
    double[] probabilitiesView() {
        return probabilities;
    }

    /** Internal, no copy. Do not modify. */
    double[] sampleView() {
        return sample;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b
                && modelVersion.equals(b.modelVersion) && edges.equals(b.edges)
                && Arrays.equals(probabilities, b.probabilities) && Arrays.equals(sample, b.sample)
                && Double.compare(smoothingAlpha, b.smoothingAlpha) == 0
                && calibration.equals(b.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelVersion, edges, Arrays.hashCode(probabilities),
                Arrays.hashCode(sample), smoothingAlpha, calibration);
    }

    @Override
    public String toString() {
        return "Baseline[modelVersion=" + modelVersion + ", n=" + sample.length + ", edges="
                + edges + ", calibration=" + calibration + "]";
    }
}
