package com.routingml.prediction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prediction settings from MicroProfile Config ({@code routingml.prediction.*}): request limits,
 * and the concurrency of {@link PredictionWorkers}.
 */
@ApplicationScoped
public class PredictionSettings {

    @Inject
    @ConfigProperty(name = "routingml.prediction.default-top-k", defaultValue = "5")
    int defaultTopK;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-top-k", defaultValue = "50")
    int maxTopK;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    /** 0: one worker per processor the JVM may use (container limits included). */
    @Inject
    @ConfigProperty(name = "routingml.prediction.workers", defaultValue = "0")
    int workers;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-waiting", defaultValue = "32")
    int maxWaiting;

    /**
     * Predictions computed at once.
     *
     * @throws IllegalArgumentException when the configured value is negative
     */
    public int workers() {
        if (workers < 0) {
            throw new IllegalArgumentException("routingml.prediction.workers must be >= 0 (0: one per processor), was "
                    + workers);
        }
        return workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }

    /**
     * Prediction requests that may wait for a worker; beyond that a request is refused.
     *
     * @throws IllegalArgumentException when the configured value is below 1
     */
    public int maxWaiting() {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("routingml.prediction.max-waiting must be >= 1, was " + maxWaiting);
        }
        return maxWaiting;
    }

    public int defaultTopK() {
        return defaultTopK;
    }

    public int maxTopK() {
        return maxTopK;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
