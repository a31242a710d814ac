package com.routingml.drift;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of drift detection. Immutable; validated on construction.
 *
 * @param windowSize              live window size {@code N} (default 1000)
 * @param bins                    requested quantile bins {@code B} (default 10)
 * @param smoothingAlpha          additive smoothing pseudo-count {@code alpha > 0} (default 0.5,
 *                                Jeffreys-Perks), see {@link Histogram}
 * @param minScores               window fill needed before drift is judged (default 200): at 200
 *                                scores each of the 10 bins expects 20 scores (the usual
 *                                "&gt;= 5 per cell" rule for the chi-square approximation behind
 *                                {@code 2n KL} holds), and the null bias of the plug-in KL,
 *                                about {@code (K-1)/(2n)} ≈ 0.0275, is far below 0.5; judging
 *                                resumes after 20 % of a window following a reset
 * @param threshold               fixed KL detection threshold (default 0.5); drift when
 *                                {@code kl > threshold}
 * @param clearThreshold          hysteresis: a drifting state clears only when
 *                                {@code kl < clearThreshold} (default 0.4); must be
 *                                {@code <= threshold}
 * @param tierMinorKl             lower bound of {@link Tier#MINOR} (default 0.3)
 * @param tierDriftKl             {@link Tier#DRIFT} when {@code kl >} this (default 0.5)
 * @param severeKl                {@link Tier#SEVERE} and the retraining rule's severe KL (default 1.0)
 * @param retrainEventCount       DRIFT events within the retrain window that recommend retraining
 *                                (default 5)
 * @param retrainWindowDays       the retrain window in days (default 7)
 * @param retrainCooldown         minimum time between two triggered retrainings (default 24 h)
 * @param thresholdMode           FIXED (the 0.5 above) or CALIBRATED (bootstrap null quantile)
 * @param targetFalsePositiveRate probability of a false DRIFT event per {@code windowSize}
 *                                scores of undrifted traffic that the calibrated threshold aims
 *                                at (default 0.01); see {@link Baseline#fit}
 * @param calibrationBootstraps   bootstrap replicates for calibration (default 500; 0 = none)
 * @param seed                    seed of the calibration bootstrap
 * @param historyCapacity         events kept in the detector's in-memory history (default 1000)
 */
public record DriftConfig(
        int windowSize,
        int bins,
        double smoothingAlpha,
        int minScores,
        double threshold,
        double clearThreshold,
        double tierMinorKl,
        double tierDriftKl,
        double severeKl,
        int retrainEventCount,
        int retrainWindowDays,
        Duration retrainCooldown,
        ThresholdMode thresholdMode,
        double targetFalsePositiveRate,
        int calibrationBootstraps,
        long seed,
        int historyCapacity) {

    /** How the detection threshold in force is chosen. */
    public enum ThresholdMode {
        /** The configured {@link DriftConfig#threshold()} (0.5 by default, as in the v4 system). */
        FIXED,
        /** The bootstrap null quantile stored in the {@link Baseline}. */
        CALIBRATED
    }

    /** Default seed of the calibration bootstrap: a fixed date, so every calibration repeats. */
    public static final long DEFAULT_SEED = 20251005L;

    /**
     * Validates every setting.
     *
     * @throws IllegalArgumentException naming the setting and the offending value
     * @throws NullPointerException     if {@code retrainCooldown} or {@code thresholdMode} is null
     */
    public DriftConfig {
        Objects.requireNonNull(retrainCooldown, "retrainCooldown");
        Objects.requireNonNull(thresholdMode, "thresholdMode");
        require(windowSize >= 1, "windowSize must be >= 1, got " + windowSize);
        require(bins >= 1, "bins must be >= 1, got " + bins);
        require(smoothingAlpha > 0 && Double.isFinite(smoothingAlpha),
                "smoothingAlpha must be finite and > 0, got " + smoothingAlpha);
        require(minScores >= 1 && minScores <= windowSize,
                "minScores must be in [1, windowSize=" + windowSize + "], got " + minScores);
        require(threshold > 0 && Double.isFinite(threshold),
                "threshold must be finite and > 0, got " + threshold);
        require(clearThreshold >= 0 && clearThreshold <= threshold,
                "clearThreshold must be in [0, threshold=" + threshold + "], got " + clearThreshold);
        require(tierMinorKl > 0 && tierMinorKl <= tierDriftKl && tierDriftKl <= severeKl
                        && Double.isFinite(severeKl),
                "tier bounds must satisfy 0 < tierMinorKl <= tierDriftKl <= severeKl < inf, got "
                        + tierMinorKl + ", " + tierDriftKl + ", " + severeKl);
        require(retrainEventCount >= 1, "retrainEventCount must be >= 1, got " + retrainEventCount);
        require(retrainWindowDays >= 1, "retrainWindowDays must be >= 1, got " + retrainWindowDays);
        require(!retrainCooldown.isNegative(),
                "retrainCooldown must not be negative, got " + retrainCooldown);
        require(targetFalsePositiveRate > 0 && targetFalsePositiveRate < 1,
                "targetFalsePositiveRate must be in (0, 1), got " + targetFalsePositiveRate);
        require(calibrationBootstraps >= 0,
                "calibrationBootstraps must be >= 0, got " + calibrationBootstraps);
        // The (1 - fpr) quantile of R replicates is only resolved if at least one replicate lies
        // above it: R * fpr >= 1.
        require(calibrationBootstraps == 0 || calibrationBootstraps * targetFalsePositiveRate >= 1,
                "calibrationBootstraps * targetFalsePositiveRate must be >= 1 to resolve the "
                        + "quantile, got " + calibrationBootstraps + " * " + targetFalsePositiveRate);
        require(thresholdMode != ThresholdMode.CALIBRATED || calibrationBootstraps > 0,
                "thresholdMode CALIBRATED needs calibrationBootstraps > 0");
        require(historyCapacity >= 1, "historyCapacity must be >= 1, got " + historyCapacity);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults documented on the components. */
    public static DriftConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.windowSize = windowSize;
        b.bins = bins;
        b.smoothingAlpha = smoothingAlpha;
        b.minScores = minScores;
        b.threshold = threshold;
        b.clearThreshold = clearThreshold;
        b.tierMinorKl = tierMinorKl;
        b.tierDriftKl = tierDriftKl;
        b.severeKl = severeKl;
        b.retrainEventCount = retrainEventCount;
        b.retrainWindowDays = retrainWindowDays;
        b.retrainCooldown = retrainCooldown;
        b.thresholdMode = thresholdMode;
        b.targetFalsePositiveRate = targetFalsePositiveRate;
        b.calibrationBootstraps = calibrationBootstraps;
        b.seed = seed;
        b.historyCapacity = historyCapacity;
        return b;
    }

    /** Clear threshold in the same proportion to a threshold as the configured pair. */
    double clearRatio() {
        return clearThreshold / threshold;
    }

    /** Mutable builder; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int windowSize = 1000;
        private int bins = BinEdges.DEFAULT_BINS;
        private double smoothingAlpha = 0.5;
        private int minScores = 200;
        private double threshold = 0.5;
        private double clearThreshold = 0.4;
        private double tierMinorKl = 0.3;
        private double tierDriftKl = 0.5;
        private double severeKl = 1.0;
        private int retrainEventCount = 5;
        private int retrainWindowDays = 7;
        private Duration retrainCooldown = Duration.ofHours(24);
        private ThresholdMode thresholdMode = ThresholdMode.FIXED;
        private double targetFalsePositiveRate = 0.01;
        private int calibrationBootstraps = 500;
        private long seed = DEFAULT_SEED;
        private int historyCapacity = 1000;

        private Builder() {
        }

        public Builder windowSize(int v) { windowSize = v; return this; }
        public Builder bins(int v) { bins = v; return this; }
        public Builder smoothingAlpha(double v) { smoothingAlpha = v; return this; }
        public Builder minScores(int v) { minScores = v; return this; }
        public Builder threshold(double v) { threshold = v; return this; }
        public Builder clearThreshold(double v) { clearThreshold = v; return this; }
        public Builder tierMinorKl(double v) { tierMinorKl = v; return this; }
        public Builder tierDriftKl(double v) { tierDriftKl = v; return this; }
        public Builder severeKl(double v) { severeKl = v; return this; }
        public Builder retrainEventCount(int v) { retrainEventCount = v; return this; }
        public Builder retrainWindowDays(int v) { retrainWindowDays = v; return this; }
        public Builder retrainCooldown(Duration v) { retrainCooldown = v; return this; }
        public Builder thresholdMode(ThresholdMode v) { thresholdMode = v; return this; }
        public Builder targetFalsePositiveRate(double v) { targetFalsePositiveRate = v; return this; }
        public Builder calibrationBootstraps(int v) { calibrationBootstraps = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder historyCapacity(int v) { historyCapacity = v; return this; }

        /** @throws IllegalArgumentException as the record's constructor */
        public DriftConfig build() {
            return new DriftConfig(windowSize, bins, smoothingAlpha, minScores, threshold,
                    clearThreshold, tierMinorKl, tierDriftKl, severeKl, retrainEventCount,
                    retrainWindowDays, retrainCooldown, thresholdMode, targetFalsePositiveRate,
                    calibrationBootstraps, seed, historyCapacity);
        }
    }
}
