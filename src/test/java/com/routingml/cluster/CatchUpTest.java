package com.routingml.cluster;

import jakarta.enterprise.concurrent.CronTrigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Catch-up of a missed monthly period over the real schedule lock (embedded Derby) and the real CronTrigger. */
class CatchUpTest {

    static final CronTrigger MONTHLY = new CronTrigger("0 0 2 1 * *", ZoneId.of("Europe/Berlin"));
    static final String DEC = "2026-12-01T01:00:00Z";
    /** All servers were down at 02:00 CET on 1 December; the first one is back at 07:30. */
    static final Instant BACK = Instant.parse("2026-12-01T06:30:00Z");
    /** The active model: trained by the run of 1 November. */
    static final Instant NOVEMBER_MODEL = Instant.parse("2026-11-01T01:14:00Z");

    @TempDir
    static Path dir;
    private static String db;

    @BeforeAll
    static void open() {
        db = dir.resolve("lock").toString();
    }

    static ScheduleLock lock() {
        return new ScheduleLock(EmbeddedLockDatabase.dataSource(db));
    }

    @AfterAll
    static void close() {
        EmbeddedLockDatabase.shutdown(db);
    }

    @Test
    void aMissedPeriodRunsOnceOnTheFirstServerBackAndNeverAgain() throws SQLException {
        String job = "missed-once";
        CatchUp.Decision first = new CatchUp(lock(), "node1").decide(job, MONTHLY, BACK, NOVEMBER_MODEL);
        assertTrue(first.run(), first.why());
        assertEquals(DEC, first.period());
        assertEquals("node1" + CatchUp.MARK, lock().find(job, DEC).orElseThrow().owner(),
                "the claim says it was a catch-up");

        CatchUp.Decision second = new CatchUp(lock(), "node2").decide(job, MONTHLY, BACK.plusSeconds(20),
                NOVEMBER_MODEL);
        assertFalse(second.run(), "another server starting later");
        assertTrue(second.why().contains("claimed by node1 (catch-up)"), second.why());
        assertFalse(new CatchUp(lock(), "node1").decide(job, MONTHLY, BACK.plusSeconds(3600), NOVEMBER_MODEL).run(),
                "the same server restarting");
    }

    @Test
    void aPeriodThatRanOnTimeIsNotCaughtUp() throws SQLException {
        String job = "on-time";
        assertTrue(lock().tryClaim(job, DEC, "node1"), "the tick of 1 December ran (and may have failed)");
        CatchUp.Decision d = new CatchUp(lock(), "node2").decide(job, MONTHLY, BACK, NOVEMBER_MODEL);
        assertFalse(d.run());
        assertTrue(d.why().startsWith("period " + DEC + " was claimed by node1 at "), d.why());
    }

    @Test
    void aModelNewerThanThePeriodMeansNothingWasMissed() throws SQLException {
        String job = "fresh-install";
        // A first start on 1 December at 07:00 trained the model: no run is due until January.
        CatchUp.Decision d = new CatchUp(lock(), "node1").decide(job, MONTHLY, BACK,
                Instant.parse("2026-12-01T06:00:00Z"));
        assertFalse(d.run(), d.why());
        assertTrue(lock().find(job, DEC).isEmpty(), "nothing claimed");
        assertFalse(new CatchUp(lock(), "node1").decide(job, MONTHLY, BACK, null).run(),
                "no model yet: the first start trains one");
    }

    @Test
    void aTickDueInAFewSecondsIsLeftToItsTimer() throws SQLException {
        String job = "just-before";
        // back at 01:59:50 CET on 1 December: the tick of 02:00 is ten seconds away, November's ran
        assertTrue(lock().tryClaim(job, "2026-11-01T01:00:00Z", "node1"));
        CatchUp.Decision d = new CatchUp(lock(), "node2").decide(job, MONTHLY, Instant.parse("2026-12-01T00:59:50Z"),
                NOVEMBER_MODEL);
        assertFalse(d.run(), d.why());
        assertEquals("2026-11-01T01:00:00Z", d.period());
        assertTrue(lock().find(job, DEC).isEmpty(), "December is left to its tick");
    }

    @Test
    void onlyTheLatestOfSeveralMissedPeriodsRuns() throws SQLException {
        String job = "down-for-months";
        Instant march = Instant.parse("2027-03-10T08:00:00Z");
        CatchUp.Decision d = new CatchUp(lock(), "node1").decide(job, MONTHLY, march, NOVEMBER_MODEL);
        assertTrue(d.run(), d.why());
        assertEquals("2027-03-01T01:00:00Z", d.period());
        assertTrue(lock().find(job, DEC).isEmpty() && lock().find(job, "2027-01-01T01:00:00Z").isEmpty(),
                "earlier months are not run");
    }
}
