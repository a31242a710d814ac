package com.routingml.retrain;

import com.routingml.storage.EmbeddedDerby;
import jakarta.json.bind.JsonbBuilder;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run states in a real embedded Derby database, written by two "servers" (two stores, two pools). */
class RunStoreTest {

    @TempDir
    static Path dir;

    private static EmbeddedDataSource dataSource() {
        return EmbeddedDerby.at(dir.resolve("state"));
    }

    private static RunStore store(String server) {
        return RunStore.on(dataSource(), server, dir.resolve("no-files-" + server));
    }

    @AfterAll
    static void close() {
        EmbeddedDerby.shutdown(dir.resolve("state"));
    }

    private static RunState state(long instance) {
        RunState s = new RunState();
        s.instanceId = instance;
        s.firstExecutionId = instance * 10;
        s.trigger = "schedule";
        s.month = "202612";
        s.startedAt = Instant.parse("2026-12-01T01:00:00Z");
        s.source = "/share/items.accdb";
        s.datasetDir = "/share/datasets/training_dataset_202612";
        return s;
    }

    @Test
    void aStateWrittenOnOneServerIsReadAndContinuedOnTheOther() {
        RunStore a = store("server-a");
        RunStore b = store("server-b");
        assertTrue(a.find(1).isEmpty());
        a.save(state(1));
        a.update(1, s -> {
            s.datasetRows = 500;
            s.failedStep = "extract";
            s.failure = "killed";
        });
        RunState onB = b.get(1);
        assertEquals(500, onB.datasetRows);
        assertEquals("extract", onB.failedStep);
        assertEquals("/share/items.accdb", onB.source);
        assertEquals("/share/datasets/training_dataset_202612", onB.datasetDir);
        assertEquals(Instant.parse("2026-12-01T01:00:00Z"), onB.startedAt);
        b.update(1, s -> {
            s.failedStep = null;
            s.failure = null;
            s.candidateVersion = "20261201-0100";
        });
        RunState back = a.get(1);
        assertEquals("20261201-0100", back.candidateVersion);
        assertEquals(null, back.failedStep);
        assertEquals(500, back.datasetRows);
        assertEquals("server-b", updatedBy(1), "the row names the server that wrote it last");
    }

    @Test
    void saveReplacesTheWholeState() {
        RunStore a = store("server-a");
        a.save(state(2));
        RunState s = state(2);
        s.month = "202701";
        a.save(s);
        assertEquals("202701", a.get(2).month);
        assertEquals(0, a.get(2).datasetRows);
    }

    @Test
    void concurrentUpdatesFromTwoServersLoseNothing() throws Exception {
        RunStore a = store("server-a");
        RunStore b = store("server-b");
        a.save(state(3));
        int perServer = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (RunStore store : List.of(a, b, a, b)) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perServer / 2; i++) {
                        store.update(3, s -> s.retentionDeleted.add("v"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2 * perServer, a.get(3).retentionDeleted.size(), "every update applied exactly once");
    }

    @Test
    void anUnknownInstanceIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store("server-a").get(404));
        assertTrue(e.getMessage().contains("no run state for retraining job instance 404"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> store("server-a").update(404, s -> s.datasetRows = 1));
    }

    @Test
    void runFilesOfAnEarlierVersionAreImportedOnceAndKept(@TempDir Path data) throws Exception {
        Path runs = data.resolve("retrain").resolve("runs");
        Files.createDirectories(runs);
        RunState old = state(77);
        old.datasetRows = 1234;
        old.failedStep = "train";
        try (var jsonb = JsonbBuilder.create()) {
            Files.writeString(runs.resolve("instance-77.json"), jsonb.toJson(old));
        }
        RunStore store = RunStore.on(dataSource(), "server-a", runs);
        RunState imported = store.get(77);
        assertEquals(1234, imported.datasetRows);
        assertEquals("train", imported.failedStep);
        assertFalse(Files.exists(runs), "read only once");
        assertTrue(Files.isRegularFile(data.resolve("retrain/runs.imported/instance-77.json")), "kept");
    }

    private static String updatedBy(long instance) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT UPDATED_BY FROM RETRAIN_RUN WHERE INSTANCE_ID = " + instance)) {
            assertTrue(rs.next());
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
