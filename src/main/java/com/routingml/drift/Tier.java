package com.routingml.drift;

/**
 * Reading of a KL figure on the seed's fixed scale (nats). With the default bounds:
 * <pre>
 *   NORMAL   kl &lt; 0.3
 *   MINOR    0.3 &lt;= kl &lt;= 0.5     watch
 *   DRIFT    0.5 &lt;  kl &lt;= 1.0     retraining recommended
 *   SEVERE   kl &gt; 1.0             retrain now
 * </pre>
 * The tier describes <em>magnitude</em>; whether drift is <em>detected</em> is decided by the
 * threshold in force ({@link DriftConfig.ThresholdMode}). Under a calibrated threshold a
 * statistically clear but small shift is detected while its tier is still NORMAL.
 */
public enum Tier {
    NORMAL, MINOR, DRIFT, SEVERE;

    /**
     * Classifies a KL value with the bounds of {@code cfg}.
     *
     * @throws IllegalArgumentException if {@code kl} is NaN or negative
     */
    public static Tier of(double kl, DriftConfig cfg) {
        if (!(kl >= 0.0)) {
            throw new IllegalArgumentException("kl must be >= 0, got " + kl);
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
