package com.routingml.drift;

/**
 * Reading of a window's KL figure on the v4 system's fixed scale (nats). With the default bounds:
 * <pre>
 *   UNJUDGED fewer than minScores scores in the window: no reading yet
 *   NORMAL   kl &lt; 0.3
 *   MINOR    0.3 &lt;= kl &lt;= 0.5     watch
 *   DRIFT    0.5 &lt;  kl &lt;= 1.0     retraining recommended
 *   SEVERE   kl &gt; 1.0             retrain now
 * </pre>
 * The tier describes <em>magnitude</em>; whether drift is <em>detected</em> is decided by the
 * threshold in force ({@link DriftConfig.ThresholdMode}). Under a calibrated threshold a
 * statistically clear but small shift is detected while its tier is still NORMAL. A plug-in KL
 * over a few scores says nothing (two scores can already exceed 1 nat), so a
 * window below {@link DriftConfig#minScores()} is {@code UNJUDGED}, whatever its KL.
 */
public enum Tier {
    UNJUDGED, NORMAL, MINOR, DRIFT, SEVERE;

    /**
     * Classifies the KL of a window of {@code windowScores} scores with the bounds of {@code cfg}.
     *
     * @throws IllegalArgumentException if {@code kl} is NaN or negative, or {@code windowScores}
     *                                  is negative
     */
    public static Tier of(double kl, int windowScores, DriftConfig cfg) {
        if (!(kl >= 0.0)) {
            throw new IllegalArgumentException("kl must be >= 0, got " + kl);
        }
        if (windowScores < 0) {
            throw new IllegalArgumentException("windowScores must be >= 0, got " + windowScores);
        }
        if (windowScores < cfg.minScores()) {
            return UNJUDGED;
        }
        if (kl > cfg.severeKl()) {
            return SEVERE;
        }
        if (kl > cfg.tierDriftKl()) {
            return DRIFT;
        }
        if (kl >= cfg.tierMinorKl()) {
            return MINOR;
        }
        return NORMAL;
    }
}
