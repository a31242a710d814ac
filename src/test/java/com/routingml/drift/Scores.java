package com.routingml.drift;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded generator of synthetic best-neighbour similarity scores: a point mass of exact matches
 * at 1.0 plus a Beta(8, 2) body (mean 0.8, most mass in 0.6-1.0), optionally shifted down by
 * {@code shift} and clipped to [0, 1]. Not thread-safe.
 */
final class Scores {
    private final BetaDistribution beta;
    private final Well19937c rnd;
    private final double exactShare;

    Scores(long seed, double exactShare) {
        this.rnd = new Well19937c(seed);
        this.beta = new BetaDistribution(new Well19937c(seed ^ 0x9E3779B97F4A7C15L), 8, 2);
        this.exactShare = exactShare;
    }

    /** Mixture with 12 % exact matches: the realistic case with many ties at 1.0. */
    static Scores withTies(long seed) {
        return new Scores(seed, 0.12);
    }

    /** Continuous Beta(8, 2): no ties; a pure location shift is the hard case. */
    static Scores continuous(long seed) {
        return new Scores(seed, 0.0);
    }

    double next(double shift) {
        double x = rnd.nextDouble() < exactShare ? 1.0 : beta.sample();
        return Math.min(1.0, Math.max(0.0, x - shift));
    }

    double[] sample(int n, double shift) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = next(shift);
        }
        return out;
    }
}
