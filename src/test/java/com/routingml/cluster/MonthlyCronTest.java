package com.routingml.cluster;

import jakarta.enterprise.concurrent.CronTrigger;
import jakarta.enterprise.concurrent.LastExecution;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retraining schedule's real trigger, Jakarta Concurrency's {@code CronTrigger} of
 * {@code 0 0 2 1 * *} (the class the server runs: see the pom), across month ends, February,
 * a leap year and a year end, and the periods {@link SchedulePeriods} names from it.
 */
class MonthlyCronTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String MONTHLY = "0 0 2 1 * *";

    static ZonedDateTime next(CronTrigger t, String localAfter) {
        return t.getNextRunTime(null, LocalDateTime.parse(localAfter).atZone(t.getZoneId()));
    }

    /** An execution of the task scheduled at {@code scheduled} that ran for three seconds. */
    static LastExecution ran(ZonedDateTime scheduled) {
        return new LastExecution() {
            @Override
            public String getIdentityName() {
                return "monthly-retrain";
            }

            @Override
            public Object getResult() {
                return null;
            }

            @Override
            public ZonedDateTime getScheduledStart(ZoneId zone) {
                return scheduled.withZoneSameInstant(zone);
            }

            @Override
            public ZonedDateTime getRunStart(ZoneId zone) {
                return scheduled.plusNanos(2_000_000).withZoneSameInstant(zone);
            }

            @Override
            public ZonedDateTime getRunEnd(ZoneId zone) {
                return scheduled.plusSeconds(3).withZoneSameInstant(zone);
            }
        };
    }

    @Test
    void theTestsRunTheTriggerClassTheServerRuns() {
        String jar = CronTrigger.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(jar.contains("jakarta.enterprise.concurrent-api-3.0.4"), "CronTrigger comes from " + jar);
    }

    @Test
    void nextRunsAcrossMonthEndsFebruaryALeapYearAndAYearEnd() {
        CronTrigger t = new CronTrigger(MONTHLY, BERLIN);
        assertEquals(ZonedDateTime.of(2026, 12, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-11-15T12:00"));
        assertEquals(ZonedDateTime.of(2026, 12, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-11-30T23:59:59"), "month end");
        assertEquals(ZonedDateTime.of(2026, 12, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-12-01T00:30"),
                "on the 1st, before 02:00");
        assertEquals(ZonedDateTime.of(2026, 12, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-12-01T02:00"),
                "at the second itself");
        assertEquals(ZonedDateTime.of(2027, 1, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-12-01T02:00:00.001"),
                "just after");
        assertEquals(ZonedDateTime.of(2027, 1, 1, 2, 0, 0, 0, BERLIN), next(t, "2026-12-31T23:30"), "year end");
        assertEquals(ZonedDateTime.of(2027, 3, 1, 2, 0, 0, 0, BERLIN), next(t, "2027-02-28T02:00"), "February");
        assertEquals(ZonedDateTime.of(2028, 3, 1, 2, 0, 0, 0, BERLIN), next(t, "2028-02-29T03:00"), "leap year");
    }

    @Test
    void aYearOfRunsIsTheFirstOfEveryMonthAtTwoAcrossSummerTime() {
        CronTrigger t = new CronTrigger(MONTHLY, BERLIN);
        List<String> runs = new ArrayList<>();
        ZonedDateTime first = LocalDateTime.parse("2026-06-15T00:00").atZone(BERLIN);
        ZonedDateTime at = t.getNextRunTime(null, first);
        for (int i = 0; i < 13; i++) {
            runs.add(at.toOffsetDateTime().toString());
            at = t.getNextRunTime(ran(at), first); // as the executor asks after each run
        }
        assertEquals(List.of("2026-07-01T02:00+02:00", "2026-08-01T02:00+02:00", "2026-09-01T02:00+02:00",
                "2026-10-01T02:00+02:00", "2026-11-01T02:00+01:00", "2026-12-01T02:00+01:00", "2027-01-01T02:00+01:00",
                "2027-02-01T02:00+01:00", "2027-03-01T02:00+01:00", "2027-04-01T02:00+02:00", "2027-05-01T02:00+02:00",
                "2027-06-01T02:00+02:00", "2027-07-01T02:00+02:00"), runs);
    }

    @Test
    void theZoneIsTheConfiguredOne() {
        CronTrigger t = new CronTrigger(MONTHLY, SEOUL);
        assertEquals(Instant.parse("2026-12-31T17:00:00Z"), t.getNextRunTime(null,
                ZonedDateTime.parse("2026-12-31T16:00:00Z").withZoneSameInstant(SEOUL)).toInstant(),
                        "02:00 KST on 1 January");
    }

    @Test
    void periodsNamedFromTheRealTrigger() {
        CronTrigger t = new CronTrigger(MONTHLY, BERLIN);
        assertEquals("2026-12-01T01:00:00Z", SchedulePeriods.period(t, Instant.parse("2026-12-01T01:00:00Z")),
                "on time");
        assertEquals("2026-12-01T01:00:00Z", SchedulePeriods.period(t, Instant.parse("2026-12-01T00:59:45Z")),
                "15 s early");
        assertEquals("2026-11-01T01:00:00Z", SchedulePeriods.period(t, Instant.parse("2026-12-01T00:30:00Z")),
                "before the tick");
        assertEquals("2026-12-01T01:00:00Z", SchedulePeriods.period(t, Instant.parse("2026-12-31T22:59:00Z")),
                "last minute of the year");
        assertEquals("2027-01-01T01:00:00Z", SchedulePeriods.period(t, Instant.parse("2027-01-03T09:00:00Z")),
                "after the year end");
        assertEquals("2026-07-01T00:00:00Z", SchedulePeriods.period(t, Instant.parse("2026-07-20T00:00:00Z")),
                "summer time");
    }
}
