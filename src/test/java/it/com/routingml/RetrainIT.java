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

    static final int WEBHOOK_PORT = Integer.getInteger("it.webhook.port", 19381);
    static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    static HttpServer receiver;
    static String originalVersion;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", WEBHOOK_PORT), 0);
        receiver.createContext("/", ex -> {
            RECEIVED.computeIfAbsent(ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                    .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
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
            receiver.stop(0);
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
        RECEIVED.clear();
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
        JsonObject extract = exec.getJsonArray("steps").getJsonObject(0);
        assertEquals("extract", extract.getString("step"));
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
        assertTrue(RECEIVED.get("/teams").get(0).contains("MessageCard"));
    }

    @Test
    @Order(3)
    void tooFewRowsFailsWithAClearMessageAndAFailureNotice() throws Exception {
        RECEIVED.clear();
        String before = Server.get("/api/models/active").json().getString("version");
        JsonObject started = start("{\"minRows\":10000000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        assertTrue(run.getString("failure").contains("at least 10000000 are needed"), run.toString());
        assertTrue(exec.getString("exitStatus").contains("at least 10000000"), exec.toString());
        awaitNotice("/slack", "at least 10000000");
        assertTrue(RECEIVED.get("/slack").get(0).contains("FAILED"));
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
        RECEIVED.clear();
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

        Path wlp = Path.of(System.getProperty("it.wlp.dir"));
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/defaultServer.pid")).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor());
        server.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        startServer();
        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "active model intact");

        // The job repository survived; the interrupted execution is not running any more.
        JsonObject crashed = awaitEnd(exec);
        assertNotEquals("COMPLETED", crashed.getString("status"), crashed.toString());

        String token = java.util.Base64.getEncoder().encodeToString(("admin:" + Server.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Server.Reply restart = batchRestart(instance, token);
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
        long reread = done.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue();
        assertTrue(reread < expected && reread > 0, "restart read " + reread + " of " + expected + " rows");
        JsonObject run = done.getJsonObject("run");
        assertEquals(expected, run.getJsonNumber("datasetRows").longValue());
        assertPartsHoldUniqueRows(dir, expected);
        String log = Files.readString(wlp.resolve("usr/servers/defaultServer/logs/messages.log"));
        assertTrue(log.contains("resuming after " + (expected - reread) + " rows"), "the reader logs where it resumed");
        awaitNotice("/slack", "job instance");
    }

    @Test
    @Order(6)
    void aWorseCandidateIsKeptButNotPromotedAndTheReportSaysWhy() throws Exception {
        RECEIVED.clear();
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
        assertTrue(reason.startsWith("worse than the active model beyond tolerance: "), reason);
        JsonObject top1 = report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("metric").equals("top1Accuracy")).findFirst().orElseThrow();
        assertFalse(top1.getBoolean("pass"), top1.toString());
        double cand = top1.getJsonNumber("candidate").doubleValue();
        double act = top1.getJsonNumber("active").doubleValue();
        assertTrue(act - cand > 0.1, "the drill makes top-1 clearly worse: " + cand + " vs " + act);
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT, "top1Accuracy %.4f vs %.4f (%.4f lower; tolerance 0.0100)",
                cand, act, act - cand)), reason);

        // Kept for review, not deleted; the active model is unchanged and still serves.
        assertTrue(Files.isRegularFile(Server.IT_DIR.resolve("models").resolve(candidate).resolve("index.bin")), "candidate kept");
        assertTrue(Server.get("/api/models").body().contains(candidate), "candidate listed");
        assertTrue(Files.readString(Server.IT_DIR.resolve("models").resolve(candidate).resolve("model.json")).contains("degrade=shuffleRoutings"),
                "the candidate's provenance names the drill");
        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"));
        assertServes(activeBefore);
        awaitNotice("/slack", "candidate not promoted");
        assertTrue(RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("not blessed") && b.contains("top1Accuracy")
                && b.contains("degrade=shuffleRoutings")), RECEIVED.toString());
    }

    @Test
    @Order(7)
    void aMissingAccessFileFailsWithItsNameAFailureNoticeAndTheActiveModelUntouched() throws Exception {
        RECEIVED.clear();
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
     */
    @Test
    @Order(8)
    void aScheduledRunStartsAsTheServiceIdentity() throws Exception {
        RECEIVED.clear();
        var before = jakarta.json.Json.createReader(new java.io.StringReader(Server.get("/api/retrain/executions?limit=1").body())).readArray();
        long newestBefore = before.isEmpty() ? 0 : before.getJsonObject(0).getJsonNumber("executionId").longValue();
        Path dropin = Path.of(System.getProperty("it.wlp.dir"), "usr/servers/defaultServer/configDropins/overrides/it-schedule.xml");
        Files.createDirectories(dropin.getParent());
        Path written = dropin.resolveSibling("it-schedule.xml.tmp"); // Liberty reads *.xml drop-ins: rename it in whole
        reconfigure(() -> Files.move(Files.writeString(written, """
                <server>
                    <variable name="routingml.retrain.cron" value="*/5 * * * * *"/>
                    <variable name="routingml.retrain.min-rows" value="100000000"/>
                    <webApplication id="routing-ml">
                        <appProperties><property name="it.schedule" value="RetrainIT"/></appProperties>
                    </webApplication>
                </server>
                """), dropin, java.nio.file.StandardCopyOption.ATOMIC_MOVE), "retraining scheduled by cron '*/5 * * * * *'");
        try {
            JsonObject scheduled = null;
            for (Instant until = Instant.now().plus(Duration.ofMinutes(1)); scheduled == null && Instant.now().isBefore(until); Thread.sleep(200)) {
                // read anonymously: the application shows run status to anyone, reading it as the service identity
                Server.Reply r = Server.get("/api/retrain/executions?limit=1");
                assertEquals(200, r.status(), r.body());
                var list = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readArray();
                if (!list.isEmpty() && list.getJsonObject(0).getJsonNumber("executionId").longValue() > newestBefore) {
                    scheduled = list.getJsonObject(0);
                }
            }
            assertTrue(scheduled != null, "no scheduled execution within a minute");
            JsonObject done = awaitEnd(scheduled.getJsonNumber("executionId").longValue());
            JsonObject run = done.getJsonObject("run");
            assertEquals("schedule", run.getString("trigger"), done.toString());
            // The job ran as far as the job listener and the extract step: under the service identity.
            assertEquals("FAILED", done.getString("status"), done.toString());
            assertTrue(run.getString("failure").contains("at least 100000000 are needed"), run.toString());

            long instance = done.getJsonNumber("instanceId").longValue();
            String token = java.util.Base64.getEncoder().encodeToString(("admin:" + Server.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            Server.Reply batch = batchRequest("GET", "/ibm/api/batch/jobinstances/" + instance, token);
            assertEquals(200, batch.status(), batch.body());
            assertEquals("routingml-scheduler", batch.json().getString("submitter"), batch.body());
            awaitNotice("/slack", "at least 100000000");
            assertTrue(RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("schedule")), RECEIVED.toString());
        } finally {
            reconfigure(() -> Files.deleteIfExists(dropin), "retraining scheduled by cron '0 0 2 1 * *'");
        }
    }

    /** A configuration change that restarts the application: made, then awaited in the log and by readiness. */
    private static void reconfigure(java.util.concurrent.Callable<?> change, String logged) throws Exception {
        Path log = Path.of(System.getProperty("it.wlp.dir"), "usr/servers/defaultServer/logs/messages.log");
        long from = Files.size(log);
        change.call();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            String tail;
            try (var in = Files.newInputStream(log)) {
                in.skipNBytes(Math.min(from, Files.size(log)));
                tail = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (tail.contains(logged) && tail.contains("CWWKZ0003I")) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the application did not restart with \"" + logged + "\" within 2 minutes");
            Thread.sleep(200);
        }
        Server.awaitReady();
    }

    /** Starts the IT server and waits until it is ready. */
    static void startServer() throws Exception {
        Path wlp = Path.of(System.getProperty("it.wlp.dir"));
        Process start = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", "defaultServer")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(start.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "server start timed out");
        Server.awaitReady();
    }

    @Test
    @Order(9)
    void aCorruptAccessFileFailsWithItsNameAFailureNoticeAndTheActiveModelUntouched() throws Exception {
        RECEIVED.clear();
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        // A copy cut short - what a copy interrupted mid-way off a share looks like: a valid header,
        // then nothing. Its own path (a per-run accessFile), so UCanAccess's cached mirror of the
        // configured file is never involved and the server keeps reading that file afterwards.
        Path corrupt = Server.IT_DIR.resolve("corrupt-by-RetrainIT.accdb").toAbsolutePath();
        try (var in = Files.newInputStream(Items.ACCDB)) {
            Files.write(corrupt, in.readNBytes(64 * 1024));
        }
        try {
            JsonObject exec = awaitEnd(start("{\"accessFile\":\"" + corrupt + "\"}").getJsonNumber("executionId").longValue());
            assertEquals("FAILED", exec.getString("status"), exec.toString());
            JsonObject run = exec.getJsonObject("run");
            assertEquals(corrupt.toString(), run.getJsonObject("settings").getString("accessFile"));
            assertEquals("extract", run.getString("failedStep"));
            String expected = "cannot open Access database " + corrupt + ": not a readable Access database (";
            assertTrue(run.getString("failure").startsWith(expected), run.getString("failure"));
            assertTrue(exec.getString("exitStatus").contains(expected), exec.toString());
            awaitNotice("/slack", expected);
            awaitNotice("/teams", expected);
            assertTrue(RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("FAILED")), RECEIVED.toString());
            assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "active model untouched");
            assertFalse(exec.getJsonArray("steps").stream().map(JsonObject.class::cast).anyMatch(x -> !x.getString("step").equals("extract")),
                    "nothing after extract ran: " + exec);
        } finally {
            Files.deleteIfExists(corrupt);
        }
        assertServes(activeBefore); // the configured file still reads: item look-ups by ITEM_CD answer
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"accessFile\":\"items.accdb\"}"),
                400, "accessFile");
    }

    @Test
    @Order(10)
    void aPerRunAccessFileIsRefusedWhenTheJobIsNotStartedThroughTheAdminApi() throws Exception {
        RECEIVED.clear();
        // Over the batch REST API only admins (batchAdmin) and the scheduler's service identity may
        // submit; an operator is refused outright. Even an admin's submission there must not read a
        // file of its choosing: only POST /api/retrain approves a per-run accessFile.
        String other = Server.IT_DIR.resolve("other.accdb").toAbsolutePath().toString();
        String body = "{\"applicationName\":\"routing-ml\",\"moduleName\":\"routing-ml.war\","
                + "\"jobXMLName\":\"monthly-retrain\",\"jobParameters\":{\"accessFile\":\"" + other + "\",\"accessFileApproval\":\"forged\"}}";
        String operator = java.util.Base64.getEncoder().encodeToString(("operator:" + Server.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Server.Reply refused = batchRequest("POST", "/ibm/api/batch/jobinstances", operator, body);
        assertTrue(refused.status() == 401 || refused.status() == 403, refused.status() + " " + refused.body());
        String admin = java.util.Base64.getEncoder().encodeToString(("admin:" + Server.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Server.Reply r = batchRequest("POST", "/ibm/api/batch/jobinstances", admin, body);
        assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
        long instance = r.json().getJsonNumber("instanceId").longValue();
        JsonObject exec = awaitEnd(latestExecutionOf(instance));
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        assertTrue(run.getString("failure").contains("accepted only from POST /api/retrain"), run.toString());
        awaitNotice("/slack", "accepted only from POST /api/retrain");
    }

    @Test
    @Order(11)
    void aTimedOutChunkTransactionIsTheFailureReasonNotTooFewRows() throws Exception {
        RECEIVED.clear();
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

    /** The newest execution of a job instance (one submitted over the batch REST API). */
    static long latestExecutionOf(long instance) throws InterruptedException {
        for (Instant until = Instant.now().plus(Duration.ofSeconds(30)); Instant.now().isBefore(until); Thread.sleep(200)) {
            var list = jakarta.json.Json.createReader(new java.io.StringReader(Server.get("/api/retrain/executions?limit=5").body())).readArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject e = list.getJsonObject(i);
                if (e.getJsonNumber("instanceId").longValue() == instance) {
                    return e.getJsonNumber("executionId").longValue();
                }
            }
        }
        throw new AssertionError("no execution of job instance " + instance);
    }

    static Server.Reply predictFirstItem() {
        String item = Items.codes("SELECT TOP 1 ITEM_CD FROM dbo_BI_ROUTING_VIEW ORDER BY ITEM_CD").get(0);
        return Server.post("/api/predictions", "{\"itemCode\":\"" + item + "\",\"topK\":1}");
    }

    /** A prediction is answered by {@code version}. */
    static void assertServes(String version) {
        Server.Reply p = predictFirstItem();
        assertEquals(200, p.status(), p.body());
        assertEquals(version, p.json().getString("modelVersion"));
    }

    /**
     * Reads the dataset with DuckDB - its own C++ Parquet reader, not parquet-java that wrote it:
     * the row count, unique keys, the manifest's columns in order, INSRT_DT as a timestamp, the codec.
     */
    static void assertReadableByDuckDb(Path dir, long expectedRows) throws Exception {
        JsonObject manifest;
        try (var r = jakarta.json.Json.createReader(Files.newBufferedReader(dir.resolve("manifest.json")))) {
            manifest = r.readObject();
        }
        List<String> columns = manifest.getJsonArray("columns").getValuesAs(JsonObject.class).stream().map(c -> c.getString("name")).toList();
        String glob = dir.toAbsolutePath().resolve("part-*.parquet").toString();
        assertFalse(glob.contains("'"), glob);
        String from = "read_parquet('" + glob + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT (ITEM_CD, ROUT_NO, PROC_SEQ)), count(INSRT_DT) FROM " + from)) {
                rs.next();
                assertEquals(expectedRows, rs.getLong(1), "DuckDB row count");
                assertEquals(expectedRows, rs.getLong(2), "DuckDB distinct keys");
                assertEquals(expectedRows, rs.getLong(3), "DuckDB non-null INSRT_DT");
            }
            List<String> names = new java.util.ArrayList<>();
            Map<String, String> types = new java.util.HashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + from)) {
                while (rs.next()) {
                    names.add(rs.getString("column_name"));
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            assertEquals(columns, names, "DuckDB sees the manifest's columns");
            assertEquals("TIMESTAMP", types.get("INSRT_DT"));
            assertEquals("INTEGER", types.get("PROC_SEQ"));
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + glob + "')")) {
                assertTrue(rs.next());
                assertEquals(manifest.getString("codec"), rs.getString(1));
                assertFalse(rs.next(), "one codec");
            }
        }
    }

    /** PUT /ibm/api/batch/jobinstances/{id}?action=restart with an empty JSON body. */
    static Server.Reply batchRestart(long instance, String basicToken) throws Exception {
        return batchRequest("PUT", "/ibm/api/batch/jobinstances/" + instance + "?action=restart", basicToken, "{}");
    }

    /** A request without a body, or with an empty JSON one for a PUT. */
    static Server.Reply batchRequest(String verb, String path, String basicToken) throws Exception {
        return batchRequest(verb, path, basicToken, verb.equals("PUT") ? "{}" : null);
    }

    /**
     * A request to the batch REST API over HTTPS (it redirects plain HTTP) to the IT server's
     * self-signed certificate; {@code body} null sends none.
     */
    static Server.Reply batchRequest(String verb, String path, String basicToken, String body) throws Exception {
        javax.net.ssl.TrustManager[] trustAll = {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }};
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, trustAll, new java.security.SecureRandom());
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "https://localhost:" + System.getProperty("https.port", "9443");
        java.net.http.HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + basicToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Server.Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static JsonObject start(String params) {
        Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", params);
        assertEquals(202, r.status(), r.body());
        return r.json();
    }

    static JsonObject awaitEnd(long executionId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        JsonObject e = null;
        while (Instant.now().isBefore(deadline)) {
            Server.Reply r = Server.get("/api/retrain/executions/" + executionId);
            assertEquals(200, r.status(), r.body());
            e = r.json();
            String st = e.getString("status");
            if (st.equals("COMPLETED") || st.equals("FAILED") || st.equals("STOPPED")) {
                return e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("execution " + executionId + " did not end within 5 minutes: " + e);
    }

    static void awaitNotice(String path, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<String> got = RECEIVED.get(path);
            if (got != null && got.stream().anyMatch(b -> b.contains(text))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notice on " + path + " containing '" + text + "'; received " + RECEIVED);
    }

    /** Routing rows the extract must read: the same filter, rows in force today, counted independently over UCanAccess. */
    static long sourceRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + Items.ACCDB.toAbsolutePath() + ";memory=false");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo_BI_ROUTING_VIEW r INNER JOIN dbo_BI_ITEM_INFO_VIEW i"
                     + " ON i.ITEM_CD = r.ITEM_CD WHERE r.ITEM_CD IS NOT NULL AND r.ROUT_NO IS NOT NULL"
                     + " AND r.PROC_SEQ IS NOT NULL AND r.JOB_CD IS NOT NULL"
                     + " AND (r.VALID_FROM_DT IS NULL OR r.VALID_FROM_DT < ?) AND (r.VALID_TO_DT IS NULL OR r.VALID_TO_DT >= ?)")) {
            ps.setTimestamp(1, java.sql.Timestamp.valueOf(java.time.LocalDate.now().plusDays(1).atStartOfDay()));
            ps.setTimestamp(2, java.sql.Timestamp.valueOf(java.time.LocalDate.now().atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads every committed part file with parquet-avro: exactly {@code expected} rows, no key twice. */
    private static void assertPartsHoldUniqueRows(Path dir, long expected) throws Exception {
        Set<String> keys = new HashSet<>();
        long rows = 0;
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path p : parts.filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.parquet")).sorted().toList()) {
                try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(p), new PlainParquetConfiguration())
                        .withDataModel(org.apache.avro.generic.GenericData.get()).build()) {
                    for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                        rows++;
                        assertTrue(keys.add(rec.get("ITEM_CD") + "|" + rec.get("ROUT_NO") + "|" + rec.get("PROC_SEQ")), "duplicate key");
                    }
                }
            }
        }
        assertEquals(expected, rows);
    }
}
