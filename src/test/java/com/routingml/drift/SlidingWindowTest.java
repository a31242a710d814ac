package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    /** Mean and std agree with a two-pass recomputation to this absolute tolerance. */
    private static final double MOMENT_TOL = 1e-12;

    private static double naiveMean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double naiveStd(double[] v) {
        double m = naiveMean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);   // population
    }

    private static void assertMatchesNaive(SlidingWindow w, double[] all, double tol) {
        int n = Math.min(all.length, w.capacity());
        double[] last = Arrays.copyOfRange(all, all.length - n, all.length);
        assertArrayEquals(last, w.values(), 0.0, "values are the last N, oldest first");
        long[] expected = Histogram.of(w.edges(), last).counts();
        assertArrayEquals(Arrays.stream(expected).mapToInt(x -> (int) x).toArray(),
                w.countsSnapshot(), "counts");
        assertEquals(n, w.size());
        assertEquals(naiveMean(last), w.mean(), tol, "mean");
        assertEquals(naiveStd(last), w.std(), tol, "population std");
    }

    @Test
    void evictionIsExactAfterNPlusK() {
        BinEdges e = BinEdges.fit(Scores.withTies(1).sample(2000, 0), 10);
        SlidingWindow w = new SlidingWindow(100, e);
        double[] all = Scores.withTies(2).sample(100 + 37, 0.02);
        for (int i = 0; i < all.length; i++) {
            w.add(all[i]);
            if (i == 50 || i == 99 || i == 100 || i == all.length - 1) {
                assertMatchesNaive(w, Arrays.copyOf(all, i + 1), MOMENT_TOL);
            }
        }
    }

    @Test
    void longRunStaysAccurateOverFiveMillionUpdates() {
        // Hard case for running sums: a large mean and a small spread (0.95 +- 0.002); the
        // plain E[x^2] - E[x]^2 formula loses ~6 of 16 digits here before any drift.
        BinEdges e = BinEdges.fit(new double[] {0.9, 0.95, 1.0}, 10);
        SlidingWindow w = new SlidingWindow(1000, e);
        SplittableRandom r = new SplittableRandom(7);
        int total = 5_000_000;
        double[] tail = new double[1000];
        double naiveS1 = 0;
        double naiveS2 = 0;
        double[] ring = new double[1000];
        for (int i = 0; i < total; i++) {
            double x = 0.95 + 0.002 * (r.nextDouble() - 0.5) * 2;
            // an unprotected running sum of squares for comparison
            double old = ring[i % 1000];
            ring[i % 1000] = x;
            naiveS1 += x - old;
            naiveS2 += x * x - old * old;
            w.add(x);
            tail[i % 1000] = x;
        }
        double std = naiveStd(tail);
        // relative accuracy of the window's std: 1e-9 (std is ~1.2e-3)
        assertEquals(std, w.std(), 1e-9 * std, "window std after 5M updates");
        assertEquals(naiveMean(tail), w.mean(), MOMENT_TOL);
        double unprotected = Math.sqrt(Math.max(0, naiveS2 / 1000 - (naiveS1 / 1000) * (naiveS1 / 1000)));
        // Documents why the shifted, periodically recomputed sums are needed: the plain running
        // sums are off by more than 10x the tolerance above.
        assertTrue(Math.abs(unprotected - std) > 1e-8 * std,
                "plain running sums were expected to drift; got " + unprotected + " vs " + std);
    }

    @Test
    void restoreKeepsTheNewestAndEqualsAFedWindow() {
        BinEdges e = BinEdges.fit(Scores.withTies(3).sample(500, 0), 10);
        double[] saved = Scores.withTies(4).sample(1500, 0);
        SlidingWindow restored = new SlidingWindow(1000, e);
        restored.add(0.1);
        restored.restore(saved);
        assertMatchesNaive(restored, saved, MOMENT_TOL);
        SlidingWindow fed = new SlidingWindow(1000, e);
        for (double x : saved) {
            fed.add(x);
        }
        assertArrayEquals(fed.countsSnapshot(), restored.countsSnapshot());
        double[] bad = {0.5, 2.0};
        assertThrows(IllegalArgumentException.class, () -> restored.restore(bad));
        assertEquals(1000, restored.size(), "a failed restore leaves the window unchanged");
    }

    @Test
    void rejectsInvalidScoresWithoutChangingState() {
        SlidingWindow w = new SlidingWindow(10, BinEdges.fit(new double[] {0.5}, 10));
        w.add(0.5);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> w.add(Double.NaN));
        assertTrue(ex.getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> w.add(-0.2));
        assertEquals(1, w.size());
        w.clear();
        assertEquals(0, w.size());
        assertEquals(0.0, w.mean());
        assertEquals(0.0, w.std());
    }

    @Test
    void addDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun)
                || !sun.isThreadAllocatedMemorySupported()) {
            return; // not measurable on this JVM
        }
        SlidingWindow w = new SlidingWindow(1000, BinEdges.fit(Scores.continuous(5).sample(1000, 0), 10));
        double[] xs = Scores.continuous(6).sample(4096, 0);
        for (int i = 0; i < 200_000; i++) {   // warm up (JIT)
            w.add(xs[i & 4095]);
        }
        long tid = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            w.add(xs[i & 4095]);
        }
        long allocated = sun.getThreadAllocatedBytes(tid) - before;
        // one boxed or array allocation per add would be >= 16 MB; allow measurement noise
        assertTrue(allocated < 64 * 1024, "add allocated " + allocated + " bytes over 1M calls");
    }
}
