package it.com.routingml;

import com.routingml.testing.Prerequisites;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Liberty servers, one PostgreSQL, HAProxy in front (docs/architecture.md, "Tested topology"),
 * all real and on loopback: PostgreSQL in a throwaway data directory, two servers of the IT runtime
 * with the packaged WAR selecting PostgreSQL through their environment and sharing one model store,
 * HAProxy health-checking {@code /health/ready}. Proves, in order: one drift picture with a window
 * per server; one scheduled run per period and the promotion it makes followed by the other server
 * while predictions flow through the load balancer without a failure; readiness DOWN on one server
 * sending all traffic to the other without a failure; a run killed mid-extract on one server
 * restarted through the batch REST API of the other with exactly the rows of an uninterrupted run;
 * the database stopped and started taking both servers out of readiness and back without a restart;
 * a tick missed while both servers were down caught up by exactly one of them when both come back.
 * Each test logs what it observed ("two servers: ...").
 *
 * <p>Needs Debian's {@code postgresql} and {@code haproxy} (.ci/run installs them): without them
 * the test is skipped, under {@code CI=true} it fails ({@link Prerequisites}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    private static final Logger LOG = Logger.getLogger(TwoServersIT.class.getName());
    private static final int PORTS = Integer.getInteger("it.cluster.port-base", 20500);
    /** From the first server's start to the schedule's one tick: both servers are up well before it. */
    private static final Duration SCHEDULE_DELAY =
            Duration.ofSeconds(Long.getLong("it.cluster.schedule-delay-seconds", 180));
    private static final Path DIR = Server.IT_DIR.resolve("cluster");
    private static final String DATABASE = "routingml";
    private static final String DB_USER = "routingml";
    private static final String ACCESS_FILE = "routing-sample.accdb";

    private static Postgres db;
    private static String dbPassword;
    private static ClusterNode a;
    private static ClusterNode b;
    private static HaProxy lb;
    private static Traffic traffic;
    private static Instant tick;
    private static Instant bothReady;
    private static JsonObject scheduledRun;

    @BeforeAll
    static void startTopology() throws Exception {
        Path pgBin = require(Postgres.binaries().orElse(null), "PostgreSQL's initdb and pg_ctl",
                "Debian package postgresql");
        Path haproxy = require(HaProxy.binary().orElse(null), "haproxy", "Debian package haproxy");
        Server.awaitReady(); // the IT server generated the sample both servers read
        deleteTree(DIR);
        Files.createDirectories(DIR);

        db = Postgres.start(pgBin, PORTS + 10);
        dbPassword = UUID.randomUUID().toString();
        db.createApplicationDatabase(DATABASE, DB_USER, dbPassword);
        Map<String, String> env = new HashMap<>();
        env.put("ROUTINGML_DATABASE", "postgresql");
        env.put("ROUTINGML_DB_HOST", "127.0.0.1");
        env.put("ROUTINGML_DB_PORT", Integer.toString(db.port()));
        env.put("ROUTINGML_DB_NAME", DATABASE);
        env.put("ROUTINGML_DB_USER", DB_USER);
        env.put("ROUTINGML_DB_PASSWORD", dbPassword);
        env.put("ROUTINGML_ADMIN_PASSWORD", UUID.randomUUID().toString());

        // One tick of the retraining schedule, at the same instant on both servers, after both are up.
        tick = Instant.now().plus(SCHEDULE_DELAY).truncatedTo(ChronoUnit.SECONDS);
        a = node("node-a", PORTS + 30, cronAt(tick), env);
        b = node("node-b", PORTS + 32, cronAt(tick), env);
        // One after the other: the first trains the first model into the shared store, the second loads it.
        a.start();
        a.awaitReady(Duration.ofMinutes(4));
        b.start();
        bothReady = b.awaitReady(Duration.ofMinutes(4));
        lb = HaProxy.start(haproxy, DIR.resolve("haproxy"), PORTS + 20, PORTS + 21,
                List.of(new HaProxy.Backend(a.name, a.httpPort), new HaProxy.Backend(b.name, b.httpPort)));
        lb.await(a.name, "UP");
        lb.await(b.name, "UP");
        observed("topology", "haproxy " + lb.base() + ", PostgreSQL on port " + db.port() + ", both servers ready at "
                + bothReady + ", scheduled tick " + tick);
    }

    /** A cron expression (seconds first, UTC) that fires at {@code t} and then not for a year. */
    private static String cronAt(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%d %d %d %d %d *", z.getSecond(), z.getMinute(), z.getHour(),
                z.getDayOfMonth(), z.getMonthValue());
    }

    private static ClusterNode node(String name, int http, String cron, Map<String, String> env) throws Exception {
        Path home = DIR.resolve(name);
        Path access = home.resolve("access").resolve(ACCESS_FILE);
        Files.createDirectories(access.getParent());
        Files.copy(Items.ACCDB, access, StandardCopyOption.REPLACE_EXISTING);
        List<String> options = List.of(
                "-Xmx1g",
                "-XX:+UseG1GC",
                "-Droutingml.data.dir=" + home.resolve("data").toAbsolutePath(),
                "-Droutingml.models.dir=" + DIR.resolve("models").toAbsolutePath(),
                "-Droutingml.access.file=" + access.toAbsolutePath(),
                "-Droutingml.cluster.member=" + name,
                "-Droutingml.retrain.cron=" + cron,
                "-Droutingml.retrain.zone=UTC",
                "-Droutingml.retrain.on-drift=false",
                "-Droutingml.drift.snapshot-seconds=1",
                "-Droutingml.health.refresh-seconds=1",
                "-Droutingml.model.pointer-check-seconds=2");
        return ClusterNode.create(name, http, http + 1, options, env);
    }

    private static <T> T require(T tool, String what, String hint) {
        Prerequisites.require(tool != null, what, hint);
        return tool;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void observed(String what, String figures) {
        LOG.info(() -> "two servers: " + what + ": " + figures);
    }

    @AfterAll
    static void stopTopology() throws Exception {
        List<Exception> failures = new ArrayList<>();
        AutoCloseable[] all = {traffic, lb, a == null ? null : a::stop, b == null ? null : b::stop, db};
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Point 5: one drift picture (every server's events on either), one window per server. */
    @Test
    @Order(1)
    void eitherServerShowsTheDriftEventsOfBothWhileEachKeepsItsOwnWindow() throws Exception {
        Instant from = Instant.now();
        assertEquals(200, a.postAsAdmin("/api/drift/reset", "{}").status());
        assertEquals(200, b.postAsAdmin("/api/drift/reset", "{}").status());
        List<String> shifted = Items.shifted();
        predict(a, shifted, 1000);
        JsonObject onA = a.get("/api/drift/status").json();
        JsonObject onB = b.get("/api/drift/status").json();
        assertEquals("node-a", onA.getString("server"));
        assertEquals(1000, onA.getInt("buffer_size"));
        assertTrue(onA.getBoolean("drift_detected"), onA.toString());
        assertEquals("node-b", onB.getString("server"));
        assertEquals(0, onB.getInt("buffer_size"), "node-a's predictions are not in node-b's window");
        assertFalse(onB.getBoolean("drift_detected"));

        predict(b, shifted, 800);
        assertEquals(800, b.get("/api/drift/status").json().getInt("buffer_size"));
        assertEquals(1000, a.get("/api/drift/status").json().getInt("buffer_size"), "and the other way round");

        List<JsonObject> seenByA = eventsSince(a, from);
        List<JsonObject> seenByB = eventsSince(b, from);
        assertEquals(seenByA, seenByB, "the same events on either server");
        for (String server : List.of("node-a", "node-b")) {
            for (String kind : List.of("RESET", "DRIFT")) {
                assertTrue(seenByA.stream().anyMatch(e -> kind.equals(e.getString("kind"))
                        && server.equals(e.getString("server", null))), kind + " of " + server + " in " + seenByA);
            }
        }
        // The windows themselves, one row per server in the shared database.
        Map<String, Integer> windows = Await.until("both windows saved", TwoServersIT::windowSizes,
                w -> w.getOrDefault("node-a", 0) == 1000 && w.getOrDefault("node-b", 0) == 800);
        observed("drift", seenByA.size() + " events since the resets, the same on both servers: "
                + seenByA.stream().map(e -> e.getString("kind") + "@" + e.getString("server")).toList()
                + "; saved windows (scores) " + windows);
    }

    private static void predict(ClusterNode node, List<String> items, int n) {
        for (int i = 0; i < n; i++) {
            String body = "{\"itemCode\":\"" + items.get(i % items.size()) + "\",\"topK\":1}";
            Server.Reply r = node.post("/api/predictions", body);
            assertEquals(200, r.status(), r.body());
        }
    }

    private static List<JsonObject> eventsSince(ClusterNode node, Instant from) {
        Server.Reply r = node.get("/api/drift/summary?days=1");
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> !Instant.parse(e.getString("time")).isBefore(from)).toList();
    }

    /** Scores in each server's saved window, from the database (8 bytes a score after an 8-byte header). */
    private static Map<String, Integer> windowSizes() {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = application(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT server, length(window_data) FROM drift_window")) {
            while (rs.next()) {
                out.put(rs.getString(1), (rs.getInt(2) - 8) / 8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Connection application() throws Exception {
        return DriverManager.getConnection(db.url(DATABASE), DB_USER, dbPassword);
    }

    /** Points 3 and 4: both servers fire the tick, one runs it; the other follows its promotion, no request fails. */
    @Test
    @Order(2)
    void bothServersFireTheScheduleOnceRunsItAndTheOtherFollowsThePromotion() throws Exception {
        assertTrue(bothReady.isBefore(tick.minusSeconds(5)), "both servers must be up before the tick at " + tick
                + " (ready at " + bothReady + "): raise it.cluster.schedule-delay-seconds on a slow machine");
        traffic = new Traffic(lb.base(), attributeBodies(), Duration.ofMillis(20), Duration.ofMinutes(20), 200_000);
        int mark = traffic.mark();
        String before = a.get("/api/models/active").json().getString("version");

        String period = tick.toString();
        JsonObject scheduled = Await.until("the scheduled run of " + period, () -> executionsTriggeredBy(a, "schedule"),
                l -> !l.isEmpty(), tick.plus(Duration.ofMinutes(2))).get(0);
        scheduledRun = Retraining.awaitEnd(a::get, scheduled.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", scheduledRun.getString("status"), scheduledRun.toString());
        assertEquals(1, executionsTriggeredBy(a, "schedule").size(), "one run for the period");
        assertEquals(executionsTriggeredBy(a, "schedule"), executionsTriggeredBy(b, "schedule"),
                "the same job repository on either server");

        // Both fired; one claimed the period, the other skipped it.
        String claimed = "scheduled monthly-retrain for " + period + " claimed by ";
        String skipped = "scheduled monthly-retrain for " + period + " skipped here";
        List<ClusterNode> claimers = Stream.of(a, b).filter(n -> n.log().contains(claimed + n.name)).toList();
        List<ClusterNode> skippers = Stream.of(a, b).filter(n -> n.log().contains(skipped)).toList();
        assertEquals(1, claimers.size(), "one claim: " + claimers);
        assertEquals(1, skippers.size(), "one skip: " + skippers);
        assertNotEquals(claimers.get(0), skippers.get(0));
        ClusterNode runner = claimers.get(0);
        ClusterNode follower = runner == a ? b : a;
        try (Connection c = application(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT period, owner FROM schedule_lock WHERE name = 'monthly-retrain'")) {
            assertTrue(rs.next());
            assertEquals(period, rs.getString(1));
            assertEquals(runner.name, rs.getString(2));
            assertFalse(rs.next(), "one claim in SCHEDULE_LOCK");
        }

        // The run promoted its candidate on the server that ran it; the other follows the shared pointer.
        JsonObject run = scheduledRun.getJsonObject("run");
        String candidate = run.getString("candidateVersion");
        assertTrue(run.getBoolean("promoted"), run.toString());
        assertNotEquals(before, candidate);
        Instant promotedAt = Instant.parse(run.getString("promotedAt"));
        Traffic.Sample followed = Await.until(follower.name + " answering with " + candidate,
                () -> Traffic.first(traffic.since(mark), follower.name, candidate),
                java.util.Optional::isPresent).get();
        Await.until("both servers answering with " + candidate,
                () -> lastOf(runner, candidate) && lastOf(follower, candidate), both -> both);
        List<Traffic.Sample> during = traffic.since(mark);
        assertEquals(List.of(), Traffic.failures(during), "no prediction failed through the load balancer");
        // Once a server answers with the new version it never answers with the old one again.
        for (ClusterNode n : List.of(a, b)) {
            List<Traffic.Sample> own = during.stream().filter(s -> n.name.equals(s.servedBy())).toList();
            int firstNew = indexOf(own, candidate);
            assertTrue(firstNew >= 0, n.name + " answered with " + candidate);
            assertTrue(own.subList(firstNew, own.size()).stream().allMatch(s -> candidate.equals(s.modelVersion())),
                    n.name + " went back to an older version");
        }
        observed("schedule", "tick " + period + " claimed by " + runner.name + ", skipped by " + follower.name
                + "; one run (execution " + scheduledRun.getJsonNumber("executionId") + ")");
        observed("promotion", candidate + " promoted on " + runner.name + " at " + promotedAt + ", first answered by "
                + follower.name + " " + Duration.between(promotedAt, followed.at()).toMillis()
                + " ms later (pointer check every 2 s); " + during.size() + " predictions through haproxy, "
                + Traffic.failures(during).size() + " failed, by server " + Traffic.byServer(during));
    }

    private static boolean lastOf(ClusterNode node, String version) {
        List<Traffic.Sample> all = traffic.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (node.name.equals(all.get(i).servedBy())) {
                return version.equals(all.get(i).modelVersion());
            }
        }
        return false;
    }

    private static int indexOf(List<Traffic.Sample> samples, String version) {
        for (int i = 0; i < samples.size(); i++) {
            if (version.equals(samples.get(i).modelVersion())) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonObject> executions(ClusterNode node) {
        Server.Reply r = node.get("/api/retrain/executions?limit=50");
        assertEquals(200, r.status(), r.body());
        return Json.createReader(new StringReader(r.body())).readArray().getValuesAs(JsonObject.class);
    }

    /** Prediction bodies by attributes of in-distribution items of the sample (no item master look-up needed). */
    private static List<String> attributeBodies() throws Exception {
        List<String> out = new ArrayList<>();
        String url = "jdbc:ucanaccess://" + Items.ACCDB.toAbsolutePath() + ";memory=false";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TOP 50 ITEM_TYPE, PART_TYPE, ITEM_MATERIAL, OUTDIAMETER, "
                     + "INDIAMETER FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD NOT LIKE 'NX-%' ORDER BY ITEM_CD DESC")) {
            while (rs.next()) {
                var attrs = Json.createObjectBuilder();
                for (String col : List.of("ITEM_TYPE", "PART_TYPE", "ITEM_MATERIAL")) {
                    if (rs.getString(col) != null) {
                        attrs.add(col, rs.getString(col));
                    }
                }
                for (String col : List.of("OUTDIAMETER", "INDIAMETER")) {
                    if (rs.getObject(col) != null) {
                        attrs.add(col, rs.getDouble(col));
                    }
                }
                out.add(Json.createObjectBuilder().add("attributes", attrs).add("topK", 1).build().toString());
            }
        }
        assertEquals(50, out.size());
        return out;
    }

    /** Point 6: readiness DOWN on one server sends every request to the other, and none fails. */
    @Test
    @Order(3)
    void readinessDownOnOneServerSendsAllTrafficToTheOtherWithoutAFailure() throws Exception {
        int mark = traffic.mark();
        Path access = DIR.resolve(b.name).resolve("access").resolve(ACCESS_FILE);
        Path away = access.resolveSibling(ACCESS_FILE + ".moved-by-TwoServersIT");
        Files.move(access, away, StandardCopyOption.ATOMIC_MOVE);
        List<Traffic.Sample> whileOut;
        try {
            Server.Reply down = Await.until(b.name + " not ready", () -> b.get("/health/ready"),
                    r -> r.status() == 503);
            assertTrue(down.body().contains("\"access_database\":\"DOWN"), down.body());
            lb.await(b.name, "DOWN");
            whileOut = traffic.awaitAfter(traffic.mark(), 100).subList(0, 100);
            assertEquals(Map.of(a.name, 100L), Traffic.byServer(whileOut),
                    "all to " + a.name + " while " + b.name + " is out");
        } finally {
            Files.move(away, access, StandardCopyOption.ATOMIC_MOVE);
        }
        b.awaitReady(Duration.ofMinutes(1));
        lb.await(b.name, "UP");
        int back = traffic.mark();
        Await.until(b.name + " taking requests again", () -> traffic.since(back),
                s -> Traffic.byServer(s).getOrDefault(b.name, 0L) >= 10);
        List<Traffic.Sample> during = traffic.since(mark);
        assertEquals(List.of(), Traffic.failures(during), "no prediction failed through the load balancer");
        observed("readiness", during.size() + " predictions through haproxy while " + b.name + " went out and back, "
                + Traffic.failures(during).size() + " failed; by server " + Traffic.byServer(during)
                + "; the 100 after haproxy took it out: " + Traffic.byServer(whileOut));
    }

    /** Point 2: a run killed mid-extract on node-a, restarted on node-b, has the rows of an uninterrupted run. */
    @Test
    @Order(4)
    void aRunKilledMidExtractOnOneServerIsRestartedOnTheOtherWithExactlyTheRowsOfAnUninterruptedRun() throws Exception {
        Path reference = DIR.resolve("uninterrupted-dataset");
        copyParts(Path.of(scheduledRun.getJsonObject("run").getString("datasetDir")), reference);
        int mark = traffic.mark();

        Server.Reply started = a.postAsAdmin("/api/retrain", "{\"chunkSize\":500,\"throttleMillis\":300}");
        assertEquals(202, started.status(), started.body());
        long exec = started.json().getJsonNumber("executionId").longValue();
        long instance = started.json().getJsonNumber("instanceId").longValue();
        JsonObject withDir = Await.until("the run's dataset directory",
                () -> a.get("/api/retrain/executions/" + exec).json(),
                e -> e.containsKey("run") && !e.isNull("run") && e.getJsonObject("run").containsKey("datasetDir"));
        Path dir = Path.of(withDir.getJsonObject("run").getString("datasetDir"));
        long expected = Retraining.sourceRows();
        long parts = Await.until("six committed parts", () -> partCount(dir), n -> n >= 6);
        assertTrue(parts * 500 < expected, "killed mid-way: " + parts + " parts of " + expected + " rows");
        a.kill();
        lb.await(a.name, "DOWN");
        int whileDead = traffic.mark();
        a.start();
        a.awaitReady(Duration.ofMinutes(4));
        lb.await(a.name, "UP");

        // node-a's restart marked its interrupted execution FAILED in the shared repository (no batch
        // call to node-a was needed for that); node-b restarts the job instance.
        JsonObject failed = Retraining.awaitEnd(b::get, exec);
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        int logFrom = b.log().length();
        Server.Reply restart = b.httpsAsAdmin("PUT", "/ibm/api/batch/jobinstances/" + instance + "?action=restart",
                "{}");
        assertTrue(restart.status() == 200 || restart.status() == 201, restart.status() + " " + restart.body());
        long restarted = Await.until("the restarted execution", () -> executionsOf(b, instance), l -> l.size() == 2)
                .stream().filter(id -> id != exec).findFirst().orElseThrow();
        JsonObject done = Retraining.awaitEnd(b::get, restarted);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(instance, done.getJsonNumber("instanceId").longValue());
        Server.Reply where = b.httpsAsAdmin("GET", "/ibm/api/batch/jobexecutions/" + restarted, null);
        assertEquals(200, where.status(), where.body());
        String serverId = where.json().getString("serverId");
        assertTrue(serverId.endsWith("/" + b.name), "ran on " + b.name + ": " + serverId);

        // Resumed after node-a's last checkpoint, nothing lost or duplicated, the rows of an uninterrupted run.
        long reread = Retraining.step(done, "extract").getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue();
        assertTrue(reread > 0 && reread < expected, "the restart read " + reread + " of " + expected + " rows");
        assertTrue(b.log().substring(logFrom).contains("resuming after " + (expected - reread) + " rows"),
                "node-b resumed after node-a's checkpoint");
        assertEquals(expected, done.getJsonObject("run").getJsonNumber("datasetRows").longValue());
        Retraining.assertPartsHoldUniqueRows(dir, expected);
        assertEquals(0, difference(dir, reference), "rows the uninterrupted run does not have");
        assertEquals(0, difference(reference, dir), "rows of the uninterrupted run missing");
        try (Connection c = application();
             PreparedStatement ps = c.prepareStatement("SELECT updated_by FROM retrain_run WHERE instance_id = ?")) {
            ps.setLong(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(b.name, rs.getString(1), "the run state was last written by node-b");
            }
        }
        List<Traffic.Sample> during = traffic.since(mark);
        observed("restart", "execution " + exec + " killed on " + a.name + " after " + parts + " parts of 500 rows, "
                + "restarted as " + restarted + " on " + b.name + " (" + serverId + "), which read " + reread + " of "
                + expected + " rows; dataset equal to the uninterrupted run's; predictions through haproxy meanwhile: "
                + during.size() + ", failed " + Traffic.failures(during).size() + " "
                + Traffic.count(Traffic.failures(during), Traffic.Sample::status) + ", of them after the kill "
                + Traffic.failures(traffic.since(whileDead)).size());
    }

    /** Execution ids of a job instance, as a server's retraining API lists them. */
    private static List<Long> executionsOf(ClusterNode node, long instance) {
        return executions(node).stream().filter(e -> e.getJsonNumber("instanceId").longValue() == instance)
                .map(e -> e.getJsonNumber("executionId").longValue()).toList();
    }

    private static long partCount(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.parquet")).count();
        } catch (java.io.IOException e) {
            return 0; // the directory is being replaced
        }
    }

    private static void copyParts(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.parquet")).toList()) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Rows of the dataset in {@code left} that are not in {@code right}: all columns, duplicates counted (DuckDB). */
    private static long difference(Path left, Path right) throws Exception {
        String l = left.toAbsolutePath().resolve("part-*.parquet").toString();
        String r = right.toAbsolutePath().resolve("part-*.parquet").toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT * FROM read_parquet('" + l + "') EXCEPT ALL "
                     + "SELECT * FROM read_parquet('" + r + "'))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Point 6: the database stopped takes both servers out of readiness; started, both come back unrestarted. */
    @Test
    @Order(5)
    void theDatabaseStoppedAndStartedTakesBothServersOutAndBackWithoutARestart() throws Exception {
        traffic.close();
        List<Traffic.Sample> all = traffic.all();
        long pidA = a.pid();
        long pidB = b.pid();
        db.stop();
        for (ClusterNode n : List.of(a, b)) {
            Server.Reply down = Await.until(n.name + " not ready", () -> n.get("/health/ready"),
                    r -> r.status() == 503);
            assertTrue(down.body().contains("\"state_database\":\"DOWN"), down.body());
            assertTrue(down.body().contains("\"batch_job_repository\":\"DOWN"), down.body());
        }
        lb.await(a.name, "DOWN");
        lb.await(b.name, "DOWN");
        // Out of the load balancer, but alive: a prediction sent to a server directly is still answered,
        // a reset of its window is done and its event waits in memory, and what needs the database
        // answers 503 with a reason, not 500.
        Server.Reply direct = a.post("/api/predictions", attributeBodies().get(0));
        assertEquals(200, direct.status(), direct.body());
        Server.Reply reset = a.postAsAdmin("/api/drift/reset", "{}");
        assertEquals(200, reset.status(), reset.body());
        Instant duringOutage = Instant.parse(reset.json().getJsonObject("event").getString("time"));
        Server.Reply summary = a.get("/api/drift/summary?days=1");
        assertEquals(503, summary.status(), summary.body());
        assertTrue(summary.contentType().startsWith("application/problem+json"), summary.contentType());
        assertTrue(summary.json().getString("detail").startsWith("the database is unavailable: "), summary.body());

        db.start();
        for (ClusterNode n : List.of(a, b)) {
            n.awaitReady(Duration.ofMinutes(1));
        }
        lb.await(a.name, "UP");
        lb.await(b.name, "UP");
        assertEquals(pidA, a.pid(), "node-a was not restarted");
        assertEquals(pidB, b.pid(), "node-b was not restarted");
        // The event of the outage was written when the database came back; both record again.
        List<JsonObject> kept = Await.until("the reset of the outage recorded",
                () -> eventsSince(b, duringOutage.minusMillis(1)).stream()
                        .filter(e -> "RESET".equals(e.getString("kind")) && "node-a".equals(e.getString("server")))
                        .toList(), l -> !l.isEmpty());
        // The database keeps microseconds (rounded).
        Duration off = Duration.between(duringOutage, Instant.parse(kept.get(0).getString("time"))).abs();
        assertTrue(off.toNanos() <= 1_000, "the event of " + duringOutage + " as recorded: " + kept.get(0));
        Instant from = Instant.now();
        assertEquals(200, a.postAsAdmin("/api/drift/reset", "{}").status());
        assertEquals(200, b.postAsAdmin("/api/drift/reset", "{}").status());
        assertEquals(2, eventsSince(b, from).size(), eventsSince(b, from).toString());
        assertEquals(200, a.get("/api/retrain/executions?limit=1").status());
        observed("database", "stopped: both servers not ready, haproxy took both out, a direct prediction answered, "
                + "a reset was done and its event kept, the summary answered 503; started: both ready again in the "
                + "same JVMs, the kept event written, both recording; all traffic: " + all.size()
                + " predictions through haproxy, " + Traffic.failures(all).size() + " failed");
    }

    /** Point 3, catch-up: a tick missed while both servers were down is run once when both come back together. */
    @Test
    @Order(6)
    void aTickMissedWhileBothWereDownIsCaughtUpByExactlyOneOfThem() throws Exception {
        a.stop();
        b.stop();
        // The schedule now has a tick while both are down; they start again only after it.
        Instant missed = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        for (ClusterNode n : List.of(a, b)) {
            n.option("routingml.retrain.cron", cronAt(missed));
        }
        Await.until("the missed tick " + missed + " to pass", Instant::now, now -> now.isAfter(missed));
        var startA = java.util.concurrent.CompletableFuture.runAsync(() -> start(a));
        var startB = java.util.concurrent.CompletableFuture.runAsync(() -> start(b));
        startA.get(4, java.util.concurrent.TimeUnit.MINUTES);
        startB.get(4, java.util.concurrent.TimeUnit.MINUTES);

        String period = missed.toString();
        List<JsonObject> caughtUp = Await.until("the catch-up run of " + period,
                () -> executionsTriggeredBy(a, "catch-up"), l -> !l.isEmpty(),
                Instant.now().plus(Duration.ofMinutes(2)));
        JsonObject run = Retraining.awaitEnd(a::get, caughtUp.get(0).getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        assertEquals(1, executionsTriggeredBy(b, "catch-up").size(),
                "one catch-up run for the period, on either server");
        String owner;
        try (Connection c = application();
             PreparedStatement ps = c.prepareStatement("SELECT owner FROM schedule_lock WHERE name = 'monthly-retrain' "
                     + "AND period = ?")) {
            ps.setString(1, period);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the missed period is claimed");
                owner = rs.getString(1);
                assertFalse(rs.next());
            }
        }
        assertTrue(owner.equals(a.name + " (catch-up)") || owner.equals(b.name + " (catch-up)"), owner);
        String caughtBy = owner.substring(0, owner.indexOf(' '));
        ClusterNode other = caughtBy.equals(a.name) ? b : a;
        assertTrue(other.log().contains("no catch-up of scheduled monthly-retrain: period " + period), other.name
                + " found the period taken");
        observed("catch-up", "tick " + period + " missed with both servers down; both started together, " + caughtBy
                + " caught it up (execution " + run.getJsonNumber("executionId") + ", " + run.getString("status")
                + "), " + other.name + " found it claimed; one SCHEDULE_LOCK row");
    }

    private static void start(ClusterNode n) {
        try {
            n.start();
            n.awaitReady(Duration.ofMinutes(4));
        } catch (Exception e) {
            throw new IllegalStateException(n.name + " did not start: " + e, e);
        }
    }

    /** Executions (ids only) with a trigger, as a server's retraining API lists them. */
    private static List<JsonObject> executionsTriggeredBy(ClusterNode node, String trigger) {
        return executions(node).stream()
                .filter(e -> e.containsKey("run") && !e.isNull("run")
                        && trigger.equals(e.getJsonObject("run").getString("trigger", "")))
                .map(e -> Json.createObjectBuilder().add("executionId", e.getJsonNumber("executionId"))
                        .add("instanceId", e.getJsonNumber("instanceId")).build())
                .toList();
    }
}
