package com.routingml.drift.monitor;

import com.routingml.drift.DriftConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Drift settings from MicroProfile Config ({@code routingml.drift.*}), with the v4 system's defaults.
 * Built once; an invalid value fails with the setting's name (see {@link DriftConfig}).
 */
@ApplicationScoped
public class DriftSettings {

    @Inject @ConfigProperty(name = "routingml.drift.window-size", defaultValue = "1000") int windowSize;
    @Inject @ConfigProperty(name = "routingml.drift.bins", defaultValue = "10") int bins;
    @Inject @ConfigProperty(name = "routingml.drift.smoothing-alpha", defaultValue = "0.5") double alpha;
    @Inject @ConfigProperty(name = "routingml.drift.min-scores", defaultValue = "200") int minScores;
    @Inject @ConfigProperty(name = "routingml.drift.threshold", defaultValue = "0.5") double threshold;
    @Inject @ConfigProperty(name = "routingml.drift.clear-threshold", defaultValue = "0.4") double clearThreshold;
    @Inject @ConfigProperty(name = "routingml.drift.tier-minor", defaultValue = "0.3") double tierMinor;
    @Inject @ConfigProperty(name = "routingml.drift.tier-drift", defaultValue = "0.5") double tierDrift;
    @Inject @ConfigProperty(name = "routingml.drift.severe", defaultValue = "1.0") double severe;
    @Inject @ConfigProperty(name = "routingml.drift.retrain-events", defaultValue = "5") int retrainEvents;
    @Inject @ConfigProperty(name = "routingml.drift.retrain-days", defaultValue = "7") int retrainDays;
    @Inject @ConfigProperty(name = "routingml.drift.retrain-cooldown-hours", defaultValue = "24") long cooldownHours;
    @Inject @ConfigProperty(name = "routingml.drift.threshold-mode", defaultValue = "FIXED") String mode;
    @Inject @ConfigProperty(name = "routingml.drift.target-fpr", defaultValue = "0.01") double targetFpr;
    @Inject @ConfigProperty(name = "routingml.drift.calibration-bootstraps", defaultValue = "500") int bootstraps;
    @Inject @ConfigProperty(name = "routingml.drift.seed", defaultValue = "20251005") long seed;

    private volatile DriftConfig config;

    public DriftConfig config() {
        DriftConfig c = config;
        if (c == null) {
            DriftConfig.ThresholdMode m;
            try {
                m = DriftConfig.ThresholdMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("routingml.drift.threshold-mode must be FIXED or CALIBRATED, was "
                        + mode, e);
            }
            c = DriftConfig.builder().windowSize(windowSize).bins(bins).smoothingAlpha(alpha).minScores(minScores)
                    .threshold(threshold).clearThreshold(clearThreshold).tierMinorKl(tierMinor).tierDriftKl(tierDrift)
                    .severeKl(severe).retrainEventCount(retrainEvents).retrainWindowDays(retrainDays)
                    .retrainCooldown(Duration.ofHours(cooldownHours)).thresholdMode(m)
                    .targetFalsePositiveRate(targetFpr).calibrationBootstraps(bootstraps).seed(seed).build();
            config = c;
        }
        return c;
    }
}
