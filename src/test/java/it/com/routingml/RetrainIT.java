package it.com.routingml;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monthly retraining end to end on the real server: the batch job (Derby job repository) extracts
 * the IT sample into Parquet, trains, compares, promotes and notifies a local webhook receiver.
 * The server's active model is restored at the end (admin rollback), so other ITs see the original.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainIT {

    static String originalVersion;

    @BeforeAll
    static void setUp() throws Exception {
        Webhooks.start();
        Server.awaitReady();
        originalVersion = Server.get("/api/models/active").json().getString("version");
    }

    @AfterAll
    static void tearDown() {
        try {
            if (originalVersion != null) {
                Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/models/" + originalVersion + "/activate", "");
                assertEquals(200, r.status(), r.body());
                assertEquals(originalVersion, Server.get("/api/models/active").json().getString("version"));
            }
        } finally {
            Webhooks.stop();
        }
    }

    @Test
    @Order(1)
    void startNeedsAnAdmin() {
        BadInputIT.assertProblem(Server.post("/api/retrain", "{}"), 401, "");
        BadInputIT.assertProblem(Server.postAs("operator", Server.OPERATOR_PASSWORD, "/api/retrain", "{}"), 403, "");
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"nope\":1}"), 400, "unknown job parameter 'nope'");
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"maxRows\":\"x\"}"), 400, "maxRows");
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
        assertEquals(candidate, Server.get("/api/models/active").json().getString("version"));
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
        String before = Server.get("/api/models/active").json().getString("version");
        JsonObject started = start("{\"minRows\":100000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        assertTrue(run.getString("failure").contains("at least 100000 are needed"), run.toString());
        assertTrue(exec.getString("exitStatus").contains("at least 100000"), exec.toString());
        awaitNotice("/slack", "at least 100000");
        assertTrue(Webhooks.RECEIVED.get("/slack").get(0).contains("FAILED"));
        assertEquals(before, Server.get("/api/models/active").json().getString("version"), "active model untouched");
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

    @Test
    @Order(5)
    void killedMidExtractResumesAfterTheLastCheckpointThroughTheBatchRestApi() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        JsonObject started = start("{\"chunkSize\":500,\"throttleMillis\":300}");
        long exec = started.getJsonNumber("executionId").longValue();
        long instance = started.getJsonNumber("instanceId").longValue();
        // Wait until extract is well under way: several committed parts, not all.
        Path dir = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        long parts = 0;
        while (Instant.now().isBefore(deadline) && parts < 6) {
            JsonObject run = Server.get("/api/retrain/executions/" + exec).json().getJsonObject("run");
            if (run != null && run.containsKey("datasetDir") && Files.isDirectory(Path.of(run.getString("datasetDir")))) {
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
        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "active model intact");

        // The job repository survived; the interrupted execution is not running any more.
        JsonObject crashed = awaitEnd(exec);
        assertNotEquals("COMPLETED", crashed.getString("status"), crashed.toString());

        Server.Reply restart = batchRestart(instance, Server.admin());
        assertTrue(restart.status() == 200 || restart.status() == 201, restart.status() + " " + restart.body());
        long restartedExec = -1;
        for (Instant until = Instant.now().plus(Duration.ofSeconds(30)); restartedExec < 0 && Instant.now().isBefore(until); Thread.sleep(200)) {
            var list = jakarta.json.Json.createReader(new java.io.StringReader(Server.get("/api/retrain/executions?limit=5").body())).readArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject e = list.getJsonObject(i);
                if (e.getJsonNumber("instanceId").longValue() == instance && e.getJsonNumber("executionId").longValue() != exec) {
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

    @Test
    @Order(6)
    void aWorseCandidateIsKeptButNotPromotedAndTheReportSaysWhy() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        // Verification drill: the candidate learns from routings shuffled between items.
        JsonObject started = start("{\"degrade\":\"shuffleRoutings\",\"chunkSize\":2000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        String candidate = run.getString("candidateVersion");
        assertEquals("NOT_PROMOTED " + candidate, exec.getString("exitStatus"));
        assertFalse(run.getBoolean("promoted"));
        assertEquals("SHUFFLE_ROUTINGS", run.getJsonObject("settings").getString("degrade"));

        // The report: not blessed, and why - which metric, both values, by how much.
        Server.Reply r = Server.get("/api/retrain/reports/" + candidate);
        assertEquals(200, r.status(), r.body());
        JsonObject report = r.json();
        assertFalse(report.getBoolean("blessed"), r.body());
        assertEquals(activeBefore, report.getString("activeVersion"));
        String reason = report.getString("reason");
        assertTrue(reason.startsWith("refused: "), reason);
        JsonObject top1 = report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("metric").equals("top1Accuracy")).findFirst().orElseThrow();
        assertFalse(top1.getBoolean("pass"), top1.toString());
        double cand = top1.getJsonNumber("candidate").doubleValue();
        double act = top1.getJsonNumber("active").doubleValue();
        assertTrue(act - cand > 0.1, "the drill makes top-1 clearly worse: " + cand + " vs " + act);
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT,
                "top1Accuracy on the newest items %.4f vs %.4f (%.4f lower; tolerance 0.0100)", cand, act,
                        act - cand)), reason);

        // Kept for review, not deleted; the active model is unchanged and still serves.
        assertTrue(Files.isRegularFile(Server.IT_DIR.resolve("models").resolve(candidate).resolve("index.bin")), "candidate kept");
        assertTrue(Server.get("/api/models").body().contains(candidate), "candidate listed");
        assertTrue(Files.readString(Server.IT_DIR.resolve("models").resolve(candidate).resolve("model.json")).contains("degrade=shuffleRoutings"),
                "the candidate's provenance names the drill");
        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"));
        assertServes(activeBefore);
        awaitNotice("/slack", "candidate not promoted");
        assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("not blessed") && b.contains("top1Accuracy")
                && b.contains("degrade=shuffleRoutings")), Webhooks.RECEIVED.toString());
    }

    @Test
    @Order(7)
    void aMissingAccessFileFailsWithItsNameAFailureNoticeAndTheActiveModelUntouched() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        Path accdb = Items.ACCDB.toAbsolutePath();
        Path aside = accdb.resolveSibling(accdb.getFileName() + ".moved-by-RetrainIT");
        Files.move(accdb, aside);
        try {
            JsonObject missing = awaitEnd(start("{}").getJsonNumber("executionId").longValue());
            assertEquals("FAILED", missing.getString("status"), missing.toString());
            JsonObject run = missing.getJsonObject("run");
            assertEquals("extract", run.getString("failedStep"));
            assertEquals("Access database not found: " + accdb, run.getString("failure"));
            assertTrue(missing.getString("exitStatus").contains(accdb.toString()), missing.toString());
            awaitNotice("/slack", "Access database not found: " + accdb);
            awaitNotice("/teams", "Access database not found: " + accdb);
            assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "active model untouched");
        } finally {
            Files.move(aside, accdb);
        }
        Server.awaitReady();
        // The item look-up connection the server held across the move may be stale: its first use
        // answers 503 and reopens it (AccessDatabase.findItem), so allow a few attempts.
        // (Junk bytes are not written over the configured file: UCanAccess would then keep a broken
        // cached database for that path until a restart. The corrupt case below uses its own path.)
        Server.Reply p = null;
        for (Instant until = Instant.now().plus(Duration.ofSeconds(20)); Instant.now().isBefore(until); Thread.sleep(500)) {
            p = predictFirstItem();
            if (p.status() == 200) {
                break;
            }
        }
        assertEquals(200, p.status(), p.body());
        assertEquals(activeBefore, p.json().getString("modelVersion"));
    }

    /**
     * A scheduled start, not one over the API: the cron tick runs on a server thread without a
     * caller, as the application's batch service identity, which is then the job instance's
     * submitter. A configuration drop-in sets a cron firing every 5 s and a minimum row count the
     * sample cannot reach (the run fails in extract, so nothing is promoted); removing it restores
     * the server's configuration. Each change restarts the application (its appProperties change),
     * not the server.
     *
     * <p>No silent skips: the application restarts with a schedule whose latest tick (a few seconds
     * ago) nobody ran, and a model older than it, so exactly one catch-up run starts before the ticks.
     */
    @Test
    @Order(8)
    void aScheduledRunStartsAsTheServiceIdentityAfterOneCatchUpOfTheMissedTick() throws Exception {
        Webhooks.RECEIVED.clear();
        var before = jakarta.json.Json.createReader(new java.io.StringReader(Server.get("/api/retrain/executions?limit=1").body())).readArray();
        long newestBefore = before.isEmpty() ? 0 : before.getJsonObject(0).getJsonNumber("executionId").longValue();
        Path dropin = Server.SERVER_DIR.resolve("configDropins/overrides/it-schedule.xml");
        Files.createDirectories(dropin.getParent());
        Path written = dropin.resolveSibling("it-schedule.xml.tmp"); // Liberty reads *.xml drop-ins: rename it in whole
        Server.reconfigure(() -> Files.move(Files.writeString(written, """
                <server>
                    <variable name="routingml.retrain.cron" value="*/5 * * * * *"/>
                    <variable name="routingml.retrain.min-rows" value="100000"/>
                    <webApplication id="routing-ml">
                        <appProperties><property name="it.schedule" value="RetrainIT"/></appProperties>
                    </webApplication>
                </server>
                """), dropin, java.nio.file.StandardCopyOption.ATOMIC_MOVE), "retraining scheduled by cron '*/5 * * * * *'");
        try {
            JsonObject scheduled = null;
            List<JsonObject> fresh = List.of();
            for (Instant until = Instant.now().plus(Duration.ofMinutes(1)); scheduled == null && Instant.now().isBefore(until); Thread.sleep(200)) {
                // read anonymously: the application shows run status to anyone, reading it as the service identity
                fresh = executions(50).stream().filter(e -> e.getJsonNumber("executionId").longValue() > newestBefore)
                        .toList();
                scheduled = fresh.stream().filter(e -> "schedule".equals(trigger(e))).reduce((newer, older) -> older)
                        .orElse(null);
            }
            assertTrue(scheduled != null, "no scheduled execution within a minute: " + fresh);
            List<JsonObject> catchUps = fresh.stream().filter(e -> "catch-up".equals(trigger(e))).toList();
            assertEquals(1, catchUps.size(), "one catch-up of the tick missed while the application restarted: "
                    + fresh);
            long catchUp = catchUps.get(0).getJsonNumber("executionId").longValue();
            assertTrue(catchUp < scheduled.getJsonNumber("executionId").longValue(), "the catch-up ran first");
            String log = Files.readString(Server.MESSAGES_LOG);
            assertTrue(log.contains("catch-up of scheduled monthly-retrain: period "), "the catch-up is logged");

            JsonObject done = awaitEnd(scheduled.getJsonNumber("executionId").longValue());
            JsonObject run = done.getJsonObject("run");
            assertEquals("schedule", run.getString("trigger"), done.toString());
            // The job ran as far as the job listener and the extract step: under the service identity.
            assertEquals("FAILED", done.getString("status"), done.toString());
            assertTrue(run.getString("failure").contains("at least 100000 are needed"), run.toString());

            for (JsonObject e : List.of(done, awaitEnd(catchUp))) {
                Server.Reply batch = Server.https("GET", "/ibm/api/batch/jobinstances/"
                        + e.getJsonNumber("instanceId").longValue(),
                        Server.admin(), null);
                assertEquals(200, batch.status(), batch.body());
                assertEquals("routingml-scheduler", batch.json().getString("submitter"), batch.body());
            }
            awaitNotice("/slack", "at least 100000 are needed");
            assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("schedule")), Webhooks.RECEIVED.toString());
            assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("catch-up")),
                    Webhooks.RECEIVED.toString());
        } finally {
            Server.reconfigure(() -> Files.deleteIfExists(dropin), "retraining scheduled by cron '0 0 2 1 * *'");
            // a tick's run may straddle the restart: let it end before the next test starts one
            for (JsonObject e : executions(50)) {
                if (e.getJsonNumber("executionId").longValue() > newestBefore) {
                    awaitEnd(e.getJsonNumber("executionId").longValue());
                }
            }
        }
    }

    private static String trigger(JsonObject execution) {
        return execution.get("run") instanceof JsonObject run && run.get("trigger") instanceof jakarta.json.JsonString t
                ? t.getString() : null;
    }

    @Test
    @Order(9)
    void aCorruptPerRunAccessFileIsRefusedBeforeTheRunStarts() throws Exception {
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        // A copy cut short - what a copy interrupted mid-way off a share looks like: a valid header,
        // then nothing. Next to the configured file: per-run Access files must lie in its directory
        // (routingml.retrain.access-file-dir). The submission reads the file's catalog, so the run
        // is refused with 400 before anything starts, not failed in extract.
        Path corrupt = Items.ACCDB.toAbsolutePath().resolveSibling("corrupt-by-RetrainIT.accdb");
        try (var in = Files.newInputStream(Items.ACCDB)) {
            Files.write(corrupt, in.readNBytes(64 * 1024));
        }
        long newest = executions(1).get(0).getJsonNumber("executionId").longValue();
        try {
            BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                    "{\"accessFile\":\"" + corrupt + "\"}"),
                    400, "job parameter accessFile has an invalid value '" + corrupt
                            + "': not a readable Access database (");
            BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                    "{\"accessFile\":\"gone.accdb\"}"),
                    400, "job parameter accessFile has an invalid value 'gone.accdb': no such file");
        } finally {
            Files.deleteIfExists(corrupt);
        }
        assertEquals(newest, executions(1).get(0).getJsonNumber("executionId").longValue(), "no run was started");
        assertServes(activeBefore); // the configured file still reads: item look-ups by ITEM_CD answer
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                "{\"accessFile\":\"../items.accdb\"}"),
                400, "job parameter accessFile has an invalid value '../items.accdb': must lie inside");
    }

    @Test
    @Order(10)
    void aPerRunAccessFileIsRefusedWhenTheJobIsNotStartedThroughTheAdminApi() throws Exception {
        Webhooks.RECEIVED.clear();
        // Over the batch REST API only admins (batchAdmin) and the scheduler's service identity may
        // submit; an operator is refused outright. Even an admin's submission there must not read a
        // file of its choosing: only POST /api/retrain approves a per-run accessFile.
        String other = Items.ACCDB.toAbsolutePath().resolveSibling("other.accdb").toString();
        String body = "{\"applicationName\":\"routing-ml\",\"moduleName\":\"routing-ml.war\","
                + "\"jobXMLName\":\"monthly-retrain\",\"jobParameters\":{\"accessFile\":\"" + other + "\",\"accessFileApproval\":\"forged\"}}";
        Server.Reply refused = Server.https("POST", "/ibm/api/batch/jobinstances", Server.basic("operator", Server.OPERATOR_PASSWORD), body);
        assertTrue(refused.status() == 401 || refused.status() == 403, refused.status() + " " + refused.body());
        Server.Reply r = Server.https("POST", "/ibm/api/batch/jobinstances", Server.admin(), body);
        assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
        long instance = r.json().getJsonNumber("instanceId").longValue();
        JsonObject exec = awaitEnd(latestExecutionOf(instance));
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("check", run.getString("failedStep"), "refused before anything was opened");
        assertTrue(run.getString("failure").contains("accepted only from POST /api/retrain"), run.toString());
        assertTrue(exec.getString("exitStatus").startsWith("REFUSED: job parameter accessFile"), exec.toString());
        awaitNotice("/slack", "accepted only from POST /api/retrain");
    }

    @Test
    @Order(11)
    void aTimedOutChunkTransactionIsTheFailureReasonNotTooFewRows() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        // A 1 s chunk transaction that sleeps 2.5 s before its commit (the throttle runs inside it):
        // the transaction manager rolls it back, as it did to the 1M-row extract under the defaults.
        JsonObject exec = awaitEnd(start("{\"transactionTimeout\":1,\"throttleMillis\":2500,\"chunkSize\":500}")
                .getJsonNumber("executionId").longValue());
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        String failure = run.getString("failure");
        assertTrue(failure.startsWith("step extract's chunk transaction timed out and was rolled back"), failure);
        assertTrue(failure.contains("transaction timeout of 1 s (job parameter transactionTimeout)"), failure);
        assertFalse(failure.contains("at least"), "not the min-rows message: " + failure);
        assertTrue(exec.getString("exitStatus").contains("timed out"), exec.toString());
        awaitNotice("/slack", "chunk transaction timed out");
        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "active model untouched");
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"transactionTimeout\":0}"),
                400, "transactionTimeout");
    }
}
