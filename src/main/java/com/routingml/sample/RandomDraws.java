package com.routingml.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random draws for the sample generator. Every stream is derived from the user seed plus a
 * salt and an index, so the value of item {@code i} does not depend on how many other items,
 * shifted items or work orders are generated (changing {@code shiftedItems} leaves the base
 * population byte-for-byte the same).
 *
 * <p>Gaussians are computed here (Box-Muller) rather than via {@code RandomGenerator.nextGaussian}
 * because the JDK does not promise that algorithm stays the same across releases.
 */
final class RandomDraws {

    private RandomDraws() {
    }

    /**
     * A generator for one (salt, index) stream of {@code seed}; the same arguments always give the
     * same sequence.
     */
    static SplittableRandom stream(long seed, long salt, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(salt)) + index));
    }

    /** SplitMix64 finaliser: spreads nearby inputs over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static boolean chance(SplittableRandom rng, double probability) {
        return rng.nextDouble() < probability;
    }

    static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom rng, T... values) {
        return values[rng.nextInt(values.length)];
    }

    static double uniform(SplittableRandom rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    /** Standard normal deviate (Box-Muller). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1], so log is finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Multiplicative noise with median 1: {@code exp(sigma * N(0,1))}. */
    static double lognormalFactor(SplittableRandom rng, double sigma) {
        return Math.exp(sigma * gaussian(rng));
    }

    /** Index drawn from cumulative weights (last element = total). */
    static int weightedIndex(SplittableRandom rng, double[] cumulative) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Cumulative Zipf-like weights {@code 1/(k+1)^s} for {@code n} ranks. */
    static double[] zipfCumulative(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        return cumulative;
    }

    static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }
}
