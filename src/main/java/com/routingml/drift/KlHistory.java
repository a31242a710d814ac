package com.routingml.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * KL divergence of the live window over time, kept in memory with bounded size: at most
 * {@code capacity} points spanning everything offered since the history was created.
 *
 * <p>Offers are taken in groups of {@code stride}; each group is one point, the offer with the
 * largest KL (peaks survive). When the buffer is full, neighbouring pairs are merged into the point
 * with the larger KL and the stride doubles, so the points stay evenly spread over the whole period
 * at half the resolution. Not persisted:
 * a restart starts a new history (the drift events, which are persisted, mark the episodes).
 *
 * <p>Thread-safe; {@link #offer} does not allocate.
 */
public final class KlHistory {

    /** One point: when, KL (nats) and how many scores the window held. */
    public record Point(Instant time, double kl, int windowSize) {
    }

    private final long[] times;
    private final double[] kls;
    private final int[] sizes;
    private int count;
    private long stride = 1;
    private long inGroup;

    /**
     * @param capacity most points kept; even and at least 2
     * @throws IllegalArgumentException for an odd or too small capacity
     */
    public KlHistory(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("KL history capacity must be even and >= 2, was " + capacity);
        }
        times = new long[capacity];
        kls = new double[capacity];
        sizes = new int[capacity];
    }

    /** Offers a measurement: it starts a new point, or replaces its group's point when its KL is larger. */
    public synchronized void offer(long epochMillis, double kl, int windowSize) {
        if (inGroup == 0) {
            append(epochMillis, kl, windowSize);
        } else if (kl > kls[count - 1]) {
            count--;
            append(epochMillis, kl, windowSize);
        }
        inGroup = (inGroup + 1) % stride;
    }

    /** Records a measurement as a point of its own (a drift event, a reset, a new baseline). */
    public synchronized void record(long epochMillis, double kl, int windowSize) {
        append(epochMillis, kl, windowSize);
        inGroup = 0;
    }

    private void append(long epochMillis, double kl, int windowSize) {
        if (count == times.length) {
            compact();
        }
        times[count] = epochMillis;
        kls[count] = Double.isFinite(kl) ? kl : 0;
        sizes[count] = windowSize;
        count++;
    }

    private void compact() {
        int half = count / 2;
        for (int i = 0; i < half; i++) {
            int a = 2 * i;
            int keep = kls[a + 1] > kls[a] ? a + 1 : a;
            times[i] = times[keep];
            kls[i] = kls[keep];
            sizes[i] = sizes[keep];
        }
        count = half;
        stride *= 2;
        inGroup = 0;
    }

    /** The points, oldest first. */
    public synchronized List<Point> points() {
        List<Point> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Point(Instant.ofEpochMilli(times[i]), kls[i], sizes[i]));
        }
        return out;
    }

    /** How many offers currently make one point (1, then doubling with each compaction). */
    public synchronized long stride() {
        return stride;
    }
}
