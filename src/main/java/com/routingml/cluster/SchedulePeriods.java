package com.routingml.cluster;

import jakarta.enterprise.concurrent.ZonedTrigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The period a schedule firing belongs to: its nominal time, the same on every server that
 * fires it, however late each one's timer runs.
 */
public final class SchedulePeriods {

    /** A timer may wake this much before its time (or a clock run this much ahead) and still count as that firing. */
    static final Duration EARLY = Duration.ofSeconds(30);
    private static final Duration MAX_LOOKBACK = Duration.ofDays(800);

    private SchedulePeriods() {
    }

    /**
     * The latest nominal time of the trigger at or before {@code now} (plus {@link #EARLY}), as an
     * ISO-8601 UTC instant truncated to seconds, e.g. {@code 2026-12-01T01:00:00Z}. Servers agree
     * on it as long as they use the same cron expression and time zone.
     *
     * @throws IllegalStateException when the trigger had no run in the last 800 days
     */
    public static String period(ZonedTrigger trigger, ZonedDateTime now) {
        ZonedDateTime limit = now.plus(EARLY);
        for (Duration lookback = Duration.ofHours(1); lookback.compareTo(MAX_LOOKBACK) <= 0;
                lookback = lookback.multipliedBy(4)) {
            ZonedDateTime last = null;
            ZonedDateTime t = trigger.getNextRunTime(null, limit.minus(lookback));
            while (t != null && !t.isAfter(limit)) {
                last = t;
                t = trigger.getNextRunTime(null, t.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).minusNanos(1));
            }
            if (last != null) {
                return last.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
            }
        }
        throw new IllegalStateException("schedule " + trigger + " had no run time in the " + MAX_LOOKBACK.toDays()
                + " days before " + now);
    }

    /** {@link #period(ZonedTrigger, ZonedDateTime)} for an instant in the trigger's zone. */
    public static String period(ZonedTrigger trigger, Instant now) {
        return period(trigger, now.atZone(trigger.getZoneId()));
    }
}
