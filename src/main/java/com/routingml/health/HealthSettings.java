package com.routingml.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Health settings from MicroProfile Config ({@code routingml.health.*}). */
@ApplicationScoped
public class HealthSettings {

    @Inject
    @ConfigProperty(name = "routingml.health.refresh-seconds", defaultValue = "5")
    int refreshSeconds;

    @Inject
    @ConfigProperty(name = "routingml.health.max-staleness-seconds", defaultValue = "15")
    int maxStalenessSeconds;

    @Inject
    @ConfigProperty(name = "routingml.health.live.max-heap-ratio", defaultValue = "0.95")
    double maxHeapRatio;

    /**
     * How often dependencies are checked and the JVM measured, in seconds.
     *
     * @throws IllegalArgumentException when below 1
     */
    public int refreshSeconds() {
        if (refreshSeconds < 1) {
            throw new IllegalArgumentException("routingml.health.refresh-seconds must be >= 1, was " + refreshSeconds);
        }
        return refreshSeconds;
    }

    /**
     * After how many seconds without a refresh readiness reports the dependency picture stale.
     *
     * @throws IllegalArgumentException when below the refresh interval
     */
    public int maxStalenessSeconds() {
        if (maxStalenessSeconds < refreshSeconds()) {
            throw new IllegalArgumentException("routingml.health.max-staleness-seconds (" + maxStalenessSeconds
                    + ") must be >= routingml.health.refresh-seconds (" + refreshSeconds + ")");
        }
        return maxStalenessSeconds;
    }

    /** Heap in use after the last collection, as a share of the maximum, above which liveness is DOWN. */
    public double maxHeapRatio() {
        return maxHeapRatio;
    }
}
