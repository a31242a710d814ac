package com.routingml.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the JVM can serve: the heap still in use after the last garbage collection is below
 * {@code routingml.health.live.max-heap-ratio} of the maximum, and no threads are deadlocked.
 *
 * <p>Measured on demand but at most once per {@code routingml.health.refresh-seconds}: deadlock
 * detection stops the JVM briefly, so probes in between read the last result.
 */
@ApplicationScoped
public class JvmHealth {

    /**
     * @param up                 whether the JVM can serve
     * @param heapAfterGcRatio   heap used after the last collection / maximum heap, in [0, 1]
     * @param deadlockedThreads  number of deadlocked threads
     * @param detail             for a person
     * @param measuredAt         when
     */
    public record State(boolean up, double heapAfterGcRatio, int deadlockedThreads, String detail, Instant measuredAt) {
    }

    @Inject
    HealthSettings settings;

    private volatile State last;

    /** The JVM state, measured at most once per refresh interval. */
    public State current() {
        State s = last;
        Instant now = Instant.now();
        if (s != null && Duration.between(s.measuredAt(), now).getSeconds() < settings.refreshSeconds()) {
            return s;
        }
        synchronized (this) {
            if (last == null || last == s) {
                last = measure(now);
            }
            return last;
        }
    }

    private State measure(Instant now) {
        double ratio = heapAfterGcRatio();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.isSynchronizerUsageSupported() ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        int deadlocked = ids == null ? 0 : ids.length;
        return assess(ratio, settings.maxHeapRatio(), deadlocked,
                deadlocked == 0 ? List.of() : names(threads, ids), now);
    }

    /** The verdict for measured values (package-visible for tests). */
    static State assess(double heapRatio, double maxRatio, int deadlocked, List<String> deadlockedNames, Instant at) {
        if (deadlocked > 0) {
            return new State(false, heapRatio, deadlocked, deadlocked + " deadlocked threads: " + deadlockedNames, at);
        }
        if (heapRatio > maxRatio) {
            return new State(false, heapRatio, 0, String.format("heap exhausted: %.1f%% in use after GC (limit %.1f%%)",
                    heapRatio * 100, maxRatio * 100), at);
        }
        return new State(true, heapRatio, 0,
                String.format("heap %.1f%% in use after GC, no deadlocked threads", heapRatio * 100), at);
    }

    /** Heap in use right after the last collection of each heap pool, over the maximum heap. */
    static double heapAfterGcRatio() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage u = pool.getCollectionUsage();
                used += u != null ? u.getUsed() : 0;
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return max <= 0 || max == Long.MAX_VALUE ? 0 : Math.min(1.0, (double) used / max);
    }

    private static List<String> names(ThreadMXBean threads, long[] ids) {
        return Arrays.stream(threads.getThreadInfo(ids)).filter(java.util.Objects::nonNull).limit(5)
                .map(ThreadInfo::getThreadName).collect(Collectors.toList());
    }
}
