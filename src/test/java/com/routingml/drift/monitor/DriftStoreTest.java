package com.routingml.drift.monitor;

import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.Tier;
import com.routingml.storage.EmbeddedDerby;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
        ds = EmbeddedDerby.at(dir.resolve("derby"));
    }

    @AfterAll
    static void close() {
        EmbeddedDerby.shutdown(dir.resolve("derby"));
    }

    private static DriftEvent event(Instant t, DriftEvent.Kind kind, double kl) {
        return new DriftEvent(t, kind, kl, kl * 2, 0.1, 0.05, 0.8, 0.1, 1000, "v1", Tier.DRIFT);
    }

    @Test
    void eventsRoundTripInOrderAndFilterByTime() throws SQLException {
        DriftStore store = new DriftStore(ds, "events-a");
        store.createSchema();
        store.createSchema(); // idempotent
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        store.append(event(t0, DriftEvent.Kind.DRIFT, 0.6));
        store.append(event(t0.plusSeconds(60), DriftEvent.Kind.RESET, 0.1));
        store.append(event(t0.plusSeconds(120), DriftEvent.Kind.DRIFT, 1.2));
        List<DriftEvent> all = store.ownEvents(Instant.EPOCH, 100);
        assertEquals(List.of(event(t0, DriftEvent.Kind.DRIFT, 0.6), event(t0.plusSeconds(60), DriftEvent.Kind.RESET,
                0.1), event(t0.plusSeconds(120), DriftEvent.Kind.DRIFT, 1.2)), all);
        assertEquals(2, store.ownEvents(t0.plusSeconds(30), 100).size());
        List<DriftEvent> newest = store.ownEvents(Instant.EPOCH, 1);
        assertEquals(1.2, newest.get(0).kl(), 0, "limit keeps the newest");
    }

    @Test
    void everyServerSeesAllEventsButRestoresOnlyItsOwn() throws SQLException {
        DriftStore a = new DriftStore(ds, "shared-a");
        DriftStore b = new DriftStore(ds, "shared-b");
        a.createSchema();
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        a.append(event(t0, DriftEvent.Kind.DRIFT, 0.7));
        b.append(event(t0.plusSeconds(1), DriftEvent.Kind.DRIFT, 0.8));
        a.append(event(t0.plusSeconds(2), DriftEvent.Kind.RESET, 0.1));
        Instant to = t0.plusSeconds(3);
        List<DriftStore.Recorded> seenByA = a.events(t0, 100).stream().filter(r -> r.event().time().isBefore(to))
                .toList();
        List<DriftStore.Recorded> seenByB = b.events(t0, 100).stream().filter(r -> r.event().time().isBefore(to))
                .toList();
        assertEquals(seenByA, seenByB, "one picture on either server");
        assertEquals(List.of("shared-a", "shared-b", "shared-a"),
                seenByA.stream().map(DriftStore.Recorded::server).toList());
        assertEquals(List.of(0.7, 0.1), klsBefore(a.ownEvents(t0, 100), to));
        assertEquals(List.of(0.8), klsBefore(b.ownEvents(t0, 100), to));
    }

    private static List<Double> klsBefore(List<DriftEvent> events, Instant to) {
        return events.stream().filter(e -> e.time().isBefore(to)).map(DriftEvent::kl).toList();
    }

    @Test
    void stateIsReplacedNotAppended() throws SQLException {
        DriftStore store = new DriftStore(ds, "state-a");
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
    void eachServerKeepsItsOwnWindow() throws SQLException {
        DriftStore a = new DriftStore(ds, "window-a");
        DriftStore b = new DriftStore(ds, "window-b");
        a.createSchema();
        Instant t = Instant.parse("2026-11-03T00:00:00Z");
        a.saveState(new DriftDetector.Snapshot(1, "v1", new double[] {0.9, 0.8}, false, 2), t, null);
        assertTrue(b.loadState().isEmpty(), "a new server starts with an empty window");
        b.saveState(new DriftDetector.Snapshot(1, "v1", new double[] {0.1}, true, 1), t, t);
        assertArrayEquals(new double[] {0.9, 0.8}, a.loadState().orElseThrow().snapshot().windowValues());
        assertArrayEquals(new double[] {0.1}, b.loadState().orElseThrow().snapshot().windowValues());
        assertEquals(null, a.loadState().orElseThrow().lastRetrainTrigger());
        assertEquals(t, b.loadState().orElseThrow().lastRetrainTrigger());
    }

    @Test
    void theFirstServerOnADatabaseFromBeforeAdoptsItsWindowAndEvents(@TempDir Path old) throws Exception {
        EmbeddedDataSource legacy = EmbeddedDerby.at(old.resolve("derby"));
        // The tables and rows as the single-server version's own DDL wrote them, with no migration history.
        byte[] window = DriftStore.encode(new double[] {0.25, 0.5});
        Instant t = Instant.parse("2026-09-01T00:00:00Z");
        try (Connection c = legacy.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE DRIFT_EVENT (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, KIND VARCHAR(20) NOT NULL, KL DOUBLE, PSI DOUBLE, "
                    + "KS_STAT DOUBLE, KS_P DOUBLE, WINDOW_MEAN DOUBLE, WINDOW_STD DOUBLE, WINDOW_SIZE INT, "
                    + "MODEL_VERSION VARCHAR(100) NOT NULL, TIER VARCHAR(10) NOT NULL)");
            st.executeUpdate("CREATE INDEX DRIFT_EVENT_TIME ON DRIFT_EVENT (EVENT_TIME)");
            st.executeUpdate("CREATE TABLE DRIFT_STATE (ID INT PRIMARY KEY, MODEL_VERSION VARCHAR(100) NOT NULL, "
                    + "DRIFTING SMALLINT NOT NULL, SCORES_SINCE BIGINT NOT NULL, WINDOW_DATA BLOB(1M) NOT NULL, "
                    + "SAVED_AT TIMESTAMP NOT NULL, LAST_TRIGGER TIMESTAMP)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO DRIFT_STATE (ID, MODEL_VERSION, DRIFTING, "
                    + "SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER) VALUES (1, 'v0', 1, 7, ?, ?, ?)")) {
                ps.setBytes(1, window);
                ps.setTimestamp(2, Timestamp.from(t));
                ps.setTimestamp(3, Timestamp.from(t));
                ps.executeUpdate();
            }
            st.executeUpdate("INSERT INTO DRIFT_EVENT (EVENT_TIME, KIND, KL, PSI, KS_STAT, KS_P, WINDOW_MEAN, "
                    + "WINDOW_STD, WINDOW_SIZE, MODEL_VERSION, TIER) VALUES (TIMESTAMP('2026-09-01 00:00:00'), "
                    + "'DRIFT', 0.9, 1.8, 0.1, 0.05, 0.8, 0.1, 2, 'v0', 'DRIFT')");
        }
        DriftStore first = new DriftStore(legacy, "first");
        DriftStore second = new DriftStore(legacy, "second");
        first.createSchema();
        DriftStore.State s = first.loadState()
                .orElseThrow(() -> new AssertionError("the window survives the migration"));
        assertArrayEquals(new double[] {0.25, 0.5}, s.snapshot().windowValues());
        assertEquals(7, s.snapshot().scoresSinceLastEvent());
        assertEquals(t, s.lastRetrainTrigger());
        assertEquals(1, first.ownEvents(Instant.EPOCH, 10).size(), "the old events go with the window");
        assertTrue(second.loadState().isEmpty(), "adopted once");
        assertTrue(second.ownEvents(Instant.EPOCH, 10).isEmpty());
        assertEquals(List.of("first"),
                second.events(Instant.EPOCH, 10).stream().map(DriftStore.Recorded::server).toList(),
                "but seen by every server");
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
