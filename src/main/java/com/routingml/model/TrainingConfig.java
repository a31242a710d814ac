package com.routingml.model;

import java.util.Map;

/**
 * Settings of one training run; recorded with the model so it can be rebuilt.
 *
 * @param holdoutFraction share of routed items, newest by first routing INSRT_DT, held out for evaluation (0, 0.5]
 * @param maxHoldout      cap on held-out items, so evaluation time stays bounded at production scale
 * @param bandwidth       h of the length kernel, in robust sigmas of ln(mm)
 * @param sentinel        dimension values at or above this mean "unknown"
 * @param weights         feature weights (column → weight) in force
 * @param seed            seed of every random choice made while training (drift calibration bootstrap)
 */
public record TrainingConfig(double holdoutFraction, int maxHoldout, double bandwidth, double sentinel,
                             Map<String, Double> weights, long seed) {

    public static final long DEFAULT_SEED = 20251005L;

    public TrainingConfig {
        if (!(holdoutFraction > 0 && holdoutFraction <= 0.5)) {
            throw new IllegalArgumentException("holdoutFraction must be in (0, 0.5], was " + holdoutFraction);
        }
        if (maxHoldout < 1) {
            throw new IllegalArgumentException("maxHoldout must be >= 1, was " + maxHoldout);
        }
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be > 0 and finite, was " + bandwidth);
        }
        weights = Map.copyOf(weights);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(0.1, 5_000, 0.5, FeatureEncoder.DEFAULT_SENTINEL, Map.of(), DEFAULT_SEED);
    }

    public FeatureSchema schema() {
        return FeatureSchema.defaults().withWeights(weights);
    }
}
