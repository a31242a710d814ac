package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monthly retraining end to end on the real server: the batch job (its job repository in the
 * server's database) extracts the IT sample into Parquet, trains, compares, promotes and notifies
 * a local webhook receiver; a run that fails says why; runs are listed newest first. The server's
 * active model is restored at the end (admin rollback), so other ITs see the original.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Retraining.Harness.class)
class RetrainIT {

    static String originalVersion;

    @BeforeAll
    static void setUp() {
        originalVersion = Server.activeVersion();
    }

    @Test
    @Order(1)
    void startNeedsAnAdmin() {
        BadInputIT.assertProblem(Server.post("/api/retrain", "{}"), 401, "");
        BadInputIT.assertProblem(Server.postAs("operator", Server.OPERATOR_PASSWORD, "/api/retrain", "{}"), 403, "");
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"nope\":1}"),
                400, "unknown job parameter 'nope'");
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"maxRows\":\"x\"}"),
                400, "maxRows");
    }

    @Test
    @Order(2)
    void jobExtractsTrainsComparesPromotesAndNotifies() throws Exception {
        Webhooks.RECEIVED.clear();
        JsonObject started = start("{\"chunkSize\":1000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");

        // Parquet: exactly the source rows, keys unique, read with parquet-avro straight from the files.
        long expected = sourceRows();
        assertTrue(expected > 5000, "IT sample has routing rows: " + expected);
        assertEquals(expected, run.getJsonNumber("datasetRows").longValue());
        Path dir = Path.of(run.getString("datasetDir"));
        assertTrue(Files.isRegularFile(dir.resolve("manifest.json")));
        assertPartsHoldUniqueRows(dir, expected);
        assertReadableByDuckDb(dir, expected);
        JsonObject extract = step(exec, "extract");
        assertEquals("check", exec.getJsonArray("steps").getJsonObject(0).getString("step"),
                "the check step runs first");
        assertEquals(expected, extract.getJsonObject("metrics").getJsonNumber("WRITE_COUNT").longValue());

        // Compared on the same held-out set, blessed on the same data, promoted, served.
        String candidate = run.getString("candidateVersion");
        assertNotEquals(originalVersion, candidate);
        JsonObject cmp = run.getJsonObject("comparison");
        assertEquals(originalVersion, cmp.getString("activeVersion"));
        assertTrue(cmp.getInt("holdoutItems") > 100, cmp.toString());
        assertTrue(cmp.getBoolean("blessed"), cmp.toString());
        assertTrue(run.getBoolean("promoted"));
        assertEquals(candidate, Server.activeVersion());
        Server.Reply report = Server.get("/api/retrain/reports/" + candidate);
        assertEquals(200, report.status(), report.body());
        assertEquals(candidate, report.json().getString("candidateVersion"));
        String item = Items.codes("SELECT TOP 1 ITEM_CD FROM dbo_BI_ROUTING_VIEW ORDER BY ITEM_CD").get(0);
        Server.Reply p = Server.post("/api/predictions", "{\"itemCode\":\"" + item + "\",\"topK\":1}");
        assertEquals(200, p.status(), p.body());
        assertEquals(candidate, p.json().getString("modelVersion"));
        String history = Server.get("/api/models/history").body();
        assertTrue(history.contains("\"PROMOTION\"") && history.contains(candidate), history);
        assertTrue(Files.isRegularFile(Server.IT_DIR.resolve("models").resolve(originalVersion).resolve("index.bin")),
                "the previous version is kept");

        // Notices on both channels, with the model; no webhook URL in the server log.
        awaitNotice("/slack", candidate);
        awaitNotice("/teams", candidate);
        assertTrue(Webhooks.RECEIVED.get("/teams").get(0).contains("MessageCard"));
    }

    @Test
    @Order(3)
    void tooFewRowsFailsWithAClearMessageAndAFailureNotice() throws Exception {
        Webhooks.RECEIVED.clear();
        String before = Server.activeVersion();
        JsonObject started = start("{\"minRows\":100000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        assertTrue(run.getString("failure").contains("at least 100000 are needed"), run.toString());
        assertTrue(exec.getString("exitStatus").contains("at least 100000"), exec.toString());
        awaitNotice("/slack", "at least 100000");
        assertTrue(Webhooks.RECEIVED.get("/slack").get(0).contains("FAILED"));
        assertEquals(before, Server.activeVersion(), "active model untouched");
    }

    @Test
    @Order(4)
    void executionsAreListedNewestFirst() {
        Server.Reply r = Server.get("/api/retrain/executions?limit=5");
        assertEquals(200, r.status(), r.body());
        var list = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readArray();
        assertTrue(list.size() >= 2, r.body());
        assertEquals("FAILED", list.getJsonObject(0).getString("status"));
        assertEquals("COMPLETED", list.getJsonObject(1).getString("status"));
        BadInputIT.assertProblem(Server.get("/api/retrain/executions?limit=0"), 400, "limit");
        BadInputIT.assertProblem(Server.get("/api/retrain/reports/nope"), 404, "");
    }
}
