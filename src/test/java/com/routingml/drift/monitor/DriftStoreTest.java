package com.routingml.drift.monitor;

import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.Tier;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drift tables on a real embedded Derby database. */
class DriftStoreTest {

    @TempDir
    static Path dir;
    private static EmbeddedDataSource ds;

    @BeforeAll
    static void open() {
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("derby").toString());
        ds.setCreateDatabase("create");
    }

    @AfterAll
    static void close() {
        EmbeddedDataSource shut = new EmbeddedDataSource();
        shut.setDatabaseName(dir.resolve("derby").toString());
        shut.setShutdownDatabase("shutdown");
        try {
            shut.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception.
        }
    }

    private static DriftEvent event(Instant t, DriftEvent.Kind kind, double kl) {
        return new DriftEvent(t, kind, kl, kl * 2, 0.1, 0.05, 0.8, 0.1, 1000, "v1", Tier.DRIFT);
    }

    @Test
    void eventsRoundTripInOrderAndFilterByTime() throws SQLException {
        DriftStore store = new DriftStore(ds);
        store.createSchema();
        store.createSchema(); // idempotent
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        store.append(event(t0, DriftEvent.Kind.DRIFT, 0.6));
        store.append(event(t0.plusSeconds(60), DriftEvent.Kind.RESET, 0.1));
        store.append(event(t0.plusSeconds(120), DriftEvent.Kind.DRIFT, 1.2));
        List<DriftEvent> all = store.events(Instant.EPOCH, 100);
        assertEquals(List.of(event(t0, DriftEvent.Kind.DRIFT, 0.6), event(t0.plusSeconds(60), DriftEvent.Kind.RESET, 0.1),
                event(t0.plusSeconds(120), DriftEvent.Kind.DRIFT, 1.2)), all);
        assertEquals(2, store.events(t0.plusSeconds(30), 100).size());
        List<DriftEvent> newest = store.events(Instant.EPOCH, 1);
        assertEquals(1.2, newest.get(0).kl(), 0, "limit keeps the newest");
    }

    @Test
    void stateIsReplacedNotAppended() throws SQLException {
        DriftStore store = new DriftStore(ds);
        store.createSchema();
        double[] w1 = {0.1, 0.5, 0.9};
        store.saveState(new DriftDetector.Snapshot(1, "v1", w1, false, 3), Instant.parse("2026-11-01T00:00:00Z"), null);
        double[] w2 = new double[1000];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = i / 1000.0;
        }
        Instant trig = Instant.parse("2026-11-02T00:00:00Z");
        store.saveState(new DriftDetector.Snapshot(1, "v2", w2, true, 42), trig, trig);
        DriftStore.State s = store.loadState().orElseThrow();
        assertEquals("v2", s.snapshot().modelVersion());
        assertArrayEquals(w2, s.snapshot().windowValues());
        assertTrue(s.snapshot().drifting());
        assertEquals(42, s.snapshot().scoresSinceLastEvent());
        assertEquals(trig, s.lastRetrainTrigger());
    }

    @Test
    void snapshotBytesAreVersionedAndChecked() throws SQLException {
        double[] v = {0.25, 1.0};
        assertArrayEquals(v, DriftStore.decode(DriftStore.encode(v)));
        byte[] bytes = DriftStore.encode(v);
        bytes[3] = 9; // format 9
        SQLException e = assertThrows(SQLException.class, () -> DriftStore.decode(bytes));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(DriftStore.encode(v), 12);
        assertThrows(SQLException.class, () -> DriftStore.decode(truncated));
        assertFalse(DriftStore.decode(DriftStore.encode(new double[0])).length > 0);
    }
}
