package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A retraining run survives its server: killed with {@code kill -9} in the middle of the extract,
 * it is restarted through Liberty's batch REST API and resumes after its last checkpoint, with
 * exactly the rows of an uninterrupted run. The active model is restored at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Retraining.Harness.class)
class RetrainRestartIT {

    @Test
    @Order(1)
    void killedMidExtractResumesAfterTheLastCheckpointThroughTheBatchRestApi() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.activeVersion();
        JsonObject started = start("{\"chunkSize\":500,\"throttleMillis\":300}");
        long exec = started.getJsonNumber("executionId").longValue();
        long instance = started.getJsonNumber("instanceId").longValue();
        // Wait until extract is well under way: several committed parts, not all.
        Path dir = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        long parts = 0;
        while (Instant.now().isBefore(deadline) && parts < 6) {
            JsonObject run = Server.get("/api/retrain/executions/" + exec).json().getJsonObject("run");
            if (run != null && run.containsKey("datasetDir")
                    && Files.isDirectory(Path.of(run.getString("datasetDir")))) {
                dir = Path.of(run.getString("datasetDir"));
                try (Stream<Path> s = Files.list(dir)) {
                    parts = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
                }
            }
            Thread.sleep(100);
        }
        assertTrue(parts >= 6, "extract made progress: " + parts + " parts");
        long expected = sourceRows();
        assertTrue(parts * 500 < expected, "killed mid-way: " + parts + " parts of " + expected + " rows");

        Server.killAndRestart();
        assertEquals(activeBefore, Server.activeVersion(), "active model intact");

        // The job repository survived; the interrupted execution is not running any more.
        JsonObject crashed = awaitEnd(exec);
        assertNotEquals("COMPLETED", crashed.getString("status"), crashed.toString());

        Server.Reply restart = batchRestart(instance, Server.admin());
        assertTrue(restart.status() == 200 || restart.status() == 201, restart.status() + " " + restart.body());
        long restartedExec = -1;
        for (Instant until = Instant.now().plus(Duration.ofSeconds(30));
                restartedExec < 0 && Instant.now().isBefore(until); Thread.sleep(200)) {
            var list = jakarta.json.Json.createReader(
                    new java.io.StringReader(Server.get("/api/retrain/executions?limit=5").body())).readArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject e = list.getJsonObject(i);
                if (e.getJsonNumber("instanceId").longValue() == instance
                        && e.getJsonNumber("executionId").longValue() != exec) {
                    restartedExec = e.getJsonNumber("executionId").longValue();
                    break;
                }
            }
        }
        assertNotEquals(exec, restartedExec);
        JsonObject done = awaitEnd(restartedExec);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(instance, done.getJsonNumber("instanceId").longValue());

        // Resumed after the last checkpoint: the restart read only the rest, and nothing was lost or duplicated.
        long reread = step(done, "extract").getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue();
        assertTrue(reread < expected && reread > 0, "restart read " + reread + " of " + expected + " rows");
        JsonObject run = done.getJsonObject("run");
        assertEquals(expected, run.getJsonNumber("datasetRows").longValue());
        assertPartsHoldUniqueRows(dir, expected);
        String log = Files.readString(Server.MESSAGES_LOG);
        assertTrue(log.contains("resuming after " + (expected - reread) + " rows"), "the reader logs where it resumed");
        awaitNotice("/slack", "job instance");
    }
}
