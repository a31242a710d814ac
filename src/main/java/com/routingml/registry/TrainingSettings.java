package com.routingml.registry;

import com.routingml.model.FeatureSchema;
import com.routingml.model.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Training settings from MicroProfile Config ({@code routingml.model.*}). */
@ApplicationScoped
public class TrainingSettings {

    @Inject
    @ConfigProperty(name = "routingml.model.holdout-fraction", defaultValue = "0.1")
    double holdoutFraction;

    @Inject
    @ConfigProperty(name = "routingml.model.max-holdout", defaultValue = "5000")
    int maxHoldout;

    @Inject
    @ConfigProperty(name = "routingml.model.bandwidth", defaultValue = "0.5")
    double bandwidth;

    @Inject
    @ConfigProperty(name = "routingml.model.sentinel", defaultValue = "9999")
    double sentinel;

    @Inject
    @ConfigProperty(name = "routingml.model.weights", defaultValue = " ")
    String weights;

    @Inject
    @ConfigProperty(name = "routingml.model.seed", defaultValue = "20251005")
    long seed;

    /**
     * The settings as a validated record.
     *
     * @throws IllegalArgumentException naming the setting whose value is invalid
     */
    public TrainingConfig config() {
        return new TrainingConfig(holdoutFraction, maxHoldout, bandwidth, sentinel,
                FeatureSchema.parseWeights(weights.trim()), seed);
    }
}
