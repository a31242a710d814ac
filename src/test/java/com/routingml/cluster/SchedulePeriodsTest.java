package com.routingml.cluster;

import jakarta.enterprise.concurrent.LastExecution;
import jakarta.enterprise.concurrent.ZonedTrigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every server firing a schedule names the same period, however late its timer runs.
 *
 * <p>The triggers here are written with java.time, one for each convention a trigger may follow
 * (the next time strictly after, or at or after, the given one); {@link MonthlyCronTest} runs the
 * real {@code CronTrigger}.
 */
class SchedulePeriodsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** "0 0 2 1 * *": 02:00 on the 1st, strictly after the given time (as cron triggers answer). */
    private static final ZonedTrigger MONTHLY = new ZonedTrigger() {
        @Override
        public ZonedDateTime getNextRunTime(LastExecution last, ZonedDateTime after) {
            ZonedDateTime local = after.withZoneSameInstant(BERLIN);
            ZonedDateTime candidate = local.with(TemporalAdjusters.firstDayOfMonth()).with(LocalTime.of(2, 0));
            return candidate.isAfter(local) ? candidate
                    : candidate.plusMonths(1).with(TemporalAdjusters.firstDayOfMonth()).with(LocalTime.of(2, 0));
        }

        @Override
        public ZoneId getZoneId() {
            return BERLIN;
        }
    };

    /** "0 * * * * *", answering the next time at or after the given one (the other convention). */
    private static final ZonedTrigger EVERY_MINUTE = (last, from) -> {
        ZonedDateTime m = from.truncatedTo(ChronoUnit.MINUTES);
        return m.equals(from) ? m : m.plusMinutes(1);
    };

    private static String at(String instant) {
        return SchedulePeriods.period(MONTHLY, Instant.parse(instant));
    }

    @Test
    void onTimeLateAndSlightlyEarlyFiringsShareThePeriod() {
        String dec = "2026-12-01T01:00:00Z"; // 02:00 CET
        assertEquals(dec, at("2026-12-01T01:00:00Z"));
        assertEquals(dec, at("2026-12-01T01:00:00.731Z"));
        assertEquals(dec, at("2026-12-01T04:12:09Z"), "a busy server hours late");
        assertEquals(dec, at("2026-12-01T00:59:45Z"), "a clock 15 s ahead");
        assertEquals(dec, at("2026-12-20T10:00:00Z"));
    }

    @Test
    void summerTimeAndMonthBoundaries() {
        assertEquals("2026-07-01T00:00:00Z", at("2026-07-01T00:00:01Z")); // 02:00 CEST
        assertEquals("2026-06-01T00:00:00Z", at("2026-06-30T23:59:00Z"));
        assertEquals("2027-01-01T01:00:00Z", at("2027-01-01T01:00:00Z"));
    }

    @Test
    void atOrAfterTriggersGiveTheSameAnswer() {
        assertEquals("2026-11-25T20:14:00Z",
                SchedulePeriods.period(EVERY_MINUTE, Instant.parse("2026-11-25T20:14:07Z")));
        assertEquals("2026-11-25T20:14:00Z",
                SchedulePeriods.period(EVERY_MINUTE, Instant.parse("2026-11-25T20:14:00Z")));
        assertEquals("2026-11-25T20:15:00Z",
                SchedulePeriods.period(EVERY_MINUTE, Instant.parse("2026-11-25T20:14:59Z")), "30 s early counts");
    }
}
