package com.routingml.cluster;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule lock on a real embedded Derby database: one claimant wins each period. */
class ScheduleLockTest {

    @TempDir
    static Path dir;
    private static String db;

    @BeforeAll
    static void open() {
        db = dir.resolve("lock").toString();
    }

    /** A fresh data source per claimant, as each server has its own pool. */
    private static EmbeddedDataSource dataSource() {
        return EmbeddedLockDatabase.dataSource(db);
    }

    @AfterAll
    static void close() {
        EmbeddedLockDatabase.shutdown(db);
    }

    @Test
    void twoClaimantsOneWinnerPerPeriodAndTheNextPeriodIsFree() throws SQLException {
        Instant t = Instant.parse("2026-12-01T01:00:00.250Z");
        ScheduleLock a = new ScheduleLock(dataSource(), Clock.fixed(t, ZoneOffset.UTC));
        ScheduleLock b = new ScheduleLock(dataSource(), Clock.fixed(t.plusMillis(40), ZoneOffset.UTC));
        assertTrue(a.tryClaim("monthly-retrain", "2026-12-01T01:00:00Z", "host-a/defaultServer/100"));
        assertFalse(b.tryClaim("monthly-retrain", "2026-12-01T01:00:00Z", "host-b/defaultServer/200"));
        assertFalse(a.tryClaim("monthly-retrain", "2026-12-01T01:00:00Z", "host-a/defaultServer/100"),
                "not re-entrant: a period runs once");
        ScheduleLock.Claim claim = b.find("monthly-retrain", "2026-12-01T01:00:00Z").orElseThrow();
        assertEquals("host-a/defaultServer/100", claim.owner());
        assertEquals(t, claim.acquiredAt());

        assertTrue(b.tryClaim("monthly-retrain", "2027-01-01T01:00:00Z", "host-b/defaultServer/200"),
                "a new period can be claimed");
        assertFalse(a.tryClaim("monthly-retrain", "2027-01-01T01:00:00Z", "host-a/defaultServer/100"));
        assertTrue(a.tryClaim("other-schedule", "2026-12-01T01:00:00Z", "host-a/defaultServer/100"),
                "schedules are independent");
        assertTrue(a.find("monthly-retrain", "2027-02-01T01:00:00Z").isEmpty());
    }

    @Test
    void concurrentClaimantsRaceAndExactlyOneWins() throws Exception {
        int claimants = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            for (int round = 0; round < 5; round++) {
                String period = "2030-0" + (round + 1) + "-01T00:00:00Z";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < claimants; i++) {
                    ScheduleLock lock = new ScheduleLock(dataSource());
                    String owner = "server-" + i;
                    Callable<Boolean> claim = () -> {
                        go.await();
                        return lock.tryClaim("race", period, owner);
                    };
                    results.add(pool.submit(claim));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "winners of " + period);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void schemaCreationIsIdempotentAcrossInstances() throws SQLException {
        new ScheduleLock(dataSource()).ensureSchema();
        new ScheduleLock(dataSource()).ensureSchema();
        assertTrue(new ScheduleLock(dataSource()).tryClaim("idempotent", "p", "o"));
    }

    @Test
    void refusesBlankOrOverlongValues() {
        ScheduleLock lock = new ScheduleLock(dataSource());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lock.tryClaim(" ", "p", "o"));
        assertEquals("schedule lock name must be 1 to 100 characters, was ' ' (1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lock.tryClaim("n", "x".repeat(65), "o"));
        assertThrows(IllegalArgumentException.class, () -> lock.tryClaim("n", "p", null));
    }

    @Test
    void duplicateKeyIsRecognisedBySqlState() {
        assertTrue(ScheduleLock.isDuplicateKey(new SQLException("dup", "23505")));
        assertTrue(ScheduleLock.isDuplicateKey(new SQLException("dup", "23000")));
        assertFalse(ScheduleLock.isDuplicateKey(new SQLException("no connection", "08001")));
        SQLException chained = new SQLException("batch", "XJ001");
        chained.setNextException(new SQLException("dup", "23505"));
        assertTrue(ScheduleLock.isDuplicateKey(chained));
    }
}
