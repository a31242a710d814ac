package com.routingml.prediction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request limits of predictions from MicroProfile Config ({@code routingml.prediction.*}). The
 * concurrency keys ({@code workers}, {@code max-waiting}) size the bulkhead of
 * {@link PredictionWorkers}.
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
