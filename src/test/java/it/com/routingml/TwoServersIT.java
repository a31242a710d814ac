package it.com.routingml;

import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Liberty servers, one PostgreSQL, HAProxy in front (docs/architecture.md, "Tested topology"),
 * all real and on loopback: PostgreSQL in a throwaway data directory, two servers of the IT runtime
 * with the packaged WAR selecting PostgreSQL through their environment and sharing one model store,
 * HAProxy health-checking {@code /health/ready}. Proves, in order: one drift picture with a window
 * per server; one scheduled run per period and the promotion it makes followed by the other server
 * while predictions flow through the load balancer without a failure; readiness DOWN on one server
 * sending all traffic to the other without a failure; a run killed mid-extract on one server
 * restarted through the batch REST API of the other with exactly the rows of an uninterrupted run;
 * the database stopped and started taking both servers out of readiness and back without a restart.
 *
 * <p>Needs Debian's {@code postgresql} and {@code haproxy} (.ci/run installs them); without them
 * the test is skipped, except under {@code CI=true}, where it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    private static final Logger LOG = Logger.getLogger(TwoServersIT.class.getName());
    private static final int PORTS = Integer.getInteger("it.cluster.port-base", 20500);
    private static final Duration SCHEDULE_DELAY = Duration.ofSeconds(Long.getLong("it.cluster.schedule-delay-seconds", 150));
    private static final Path DIR = Server.IT_DIR.resolve("cluster");
    private static final String DATABASE = "routingml";
    private static final String DB_USER = "routingml";

    private static Postgres db;
    private static String dbPassword;
    private static ClusterNode a;
    private static ClusterNode b;
    private static HaProxy lb;
    private static Traffic traffic;
    private static Instant tick;
    private static Instant bothReady;
    private static JsonObject scheduledRun;
    private static final Map<String, String> FIGURES = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void startTopology() throws Exception {
        Path pgBin = require(Postgres.binaries().orElse(null), "PostgreSQL (initdb, pg_ctl)");
        Path haproxy = require(HaProxy.binary().orElse(null), "HAProxy");
        Server.awaitReady(); // the IT server generated the sample both servers read
        if (Files.exists(DIR)) {
            try (Stream<Path> all = Files.walk(DIR)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
        ZonedDateTime t = tick.atZone(ZoneOffset.UTC);
        String cron = String.format(Locale.ROOT, "%d %d %d %d %d *", t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(),
                t.getMonthValue());
        a = node("node-a", PORTS + 30, cron, env);
        b = node("node-b", PORTS + 32, cron, env);
        // One after the other: the first trains the first model into the shared store, the second loads it.
        a.start();
        a.awaitReady(Duration.ofMinutes(4));
        b.start();
        bothReady = b.awaitReady(Duration.ofMinutes(4));
        lb = HaProxy.start(haproxy, DIR.resolve("haproxy"), PORTS + 20, PORTS + 21,
                List.of(new HaProxy.Backend(a.name, a.httpPort), new HaProxy.Backend(b.name, b.httpPort)));
        lb.await(a.name, "UP");
        lb.await(b.name, "UP");
        LOG.info(() -> "two servers behind haproxy " + lb.base() + ", PostgreSQL on port " + db.port() + ", scheduled tick " + tick);
    }

    private static ClusterNode node(String name, int http, String cron, Map<String, String> env) throws Exception {
        Path home = DIR.resolve(name);
        Path access = home.resolve("access").resolve("routing-sample.accdb");
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

    private static <T> T require(T tool, String what) {
        if (tool == null) {
            String message = what + " is not installed (.ci/run installs Debian's postgresql and haproxy)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return tool;
    }

    @AfterAll
    static void stopTopology() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {traffic, lb, a == null ? null : a::stop, b == null ? null : b::stop, db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        LOG.info(() -> "two-server figures: " + FIGURES);
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
                assertTrue(seenByA.stream().anyMatch(e -> e.getString("kind").equals(kind) && server.equals(e.getString("server", null))),
                        kind + " of " + server + " in " + seenByA);
            }
        }
        // The windows themselves, one row per server in the shared database.
        Map<String, Integer> windows = Await.until("both windows saved", TwoServersIT::windowSizes,
                w -> w.getOrDefault("node-a", 0) == 1000 && w.getOrDefault("node-b", 0) == 800);
        FIGURES.put("drift", "events since reset seen on both servers: " + seenByA.size() + " (" + seenByA.stream()
                .map(e -> e.getString("kind") + "@" + e.getString("server")).toList() + "); windows " + windows);
    }

    private static void predict(ClusterNode node, List<String> items, int n) {
        for (int i = 0; i < n; i++) {
            Server.Reply r = node.post("/api/predictions", "{\"itemCode\":\"" + items.get(i % items.size()) + "\",\"topK\":1}");
            assertEquals(200, r.status(), r.body());
        }
    }

    private static List<JsonObject> eventsSince(ClusterNode node, Instant from) {
        Server.Reply r = node.get("/api/drift/summary?days=1");
        assertEquals(200, r.status(), r.body());
        return r.json().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> !Instant.parse(e.getString("time")).isBefore(from)).toList();
    }

    /** Scores in each server's saved window, read from the database (the snapshot holds 8 bytes a score after a header). */
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

    /** Points 3 and 4: both servers fire the tick, one runs it; its promotion reaches the other, no request fails. */
    @Test
    @Order(2)
    void bothServersFireTheScheduleOnceRunsItAndTheOtherFollowsThePromotion() throws Exception {
        assertTrue(bothReady.isBefore(tick.minusSeconds(5)), "both servers must be up before the tick at " + tick
                + " (ready at " + bothReady + "): raise it.cluster.schedule-delay-seconds on a slow machine");
        traffic = new Traffic(lb.base(), attributeBodies(), Duration.ofMillis(20), Duration.ofMinutes(20), 200_000);
        int mark = traffic.mark();
        String before = a.get("/api/models/active").json().getString("version");

        String period = tick.toString();
        JsonObject scheduled = Await.until("the scheduled run of " + period, () -> scheduledExecutions(a), l -> !l.isEmpty(),
                tick.plus(Duration.ofMinutes(2))).get(0);
        scheduledRun = Retraining.awaitEnd(a::get, scheduled.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", scheduledRun.getString("status"), scheduledRun.toString());
        assertEquals(1, scheduledExecutions(a).size(), "one run for the period");
        assertEquals(scheduledExecutions(a), scheduledExecutions(b), "the same job repository on either server");

        // Both fired; one claimed the period, the other skipped it.
        String claimed = "scheduled monthly-retrain for " + period + " claimed by ";
        String skipped = "scheduled monthly-retrain for " + period + " skipped here";
        Map<String, String> logs = Map.of(a.name, a.log(), b.name, b.log());
        List<String> claimers = logs.entrySet().stream().filter(e -> e.getValue().contains(claimed + e.getKey())).map(Map.Entry::getKey).toList();
        List<String> skippers = logs.entrySet().stream().filter(e -> e.getValue().contains(skipped)).map(Map.Entry::getKey).toList();
        assertEquals(1, claimers.size(), "one claim: " + claimers);
        assertEquals(1, skippers.size(), "one skip: " + skippers);
        assertNotEquals(claimers.get(0), skippers.get(0));
        try (Connection c = application(); PreparedStatement ps = c.prepareStatement(
                "SELECT period, owner FROM schedule_lock WHERE name = 'monthly-retrain'")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(period, rs.getString(1));
                assertEquals(claimers.get(0), rs.getString(2));
                assertFalse(rs.next(), "one claim in SCHEDULE_LOCK");
            }
        }

        // The run promoted its candidate on the server that ran it; the other follows the shared pointer.
        JsonObject run = scheduledRun.getJsonObject("run");
        String candidate = run.getString("candidateVersion");
        assertTrue(run.getBoolean("promoted"), run.toString());
        assertNotEquals(before, candidate);
        ClusterNode runner = claimers.get(0).equals(a.name) ? a : b;
        ClusterNode follower = runner == a ? b : a;
        Instant promotedAt = Instant.parse(run.getString("promotedAt"));
        Traffic.Sample followed = Await.until(follower.name + " answering with " + candidate, () -> traffic.since(mark),
                s -> Traffic.first(s, follower.name, candidate).isPresent()).stream()
                .filter(s -> s.ok() && follower.name.equals(s.servedBy()) && candidate.equals(s.modelVersion())).findFirst().orElseThrow();
        Await.until("both servers answering with " + candidate, () -> lastOf(runner, candidate) && lastOf(follower, candidate),
                both -> both);
        List<Traffic.Sample> during = traffic.since(mark);
        assertEquals(List.of(), Traffic.failures(during), "no prediction failed through the load balancer");
        // Once a server answers with the new version it never answers with the old one again.
        for (ClusterNode n : List.of(a, b)) {
            List<Traffic.Sample> own = during.stream().filter(s -> n.name.equals(s.servedBy())).toList();
            int firstNew = indexOf(own, candidate);
            assertTrue(firstNew >= 0, n.name + " answered with " + candidate);
            assertTrue(own.subList(firstNew, own.size()).stream().allMatch(s -> candidate.equals(s.modelVersion())), n.name);
        }
        long followMillis = Duration.between(promotedAt, followed.at()).toMillis();
        FIGURES.put("schedule", "tick " + period + " claimed by " + claimers.get(0) + ", skipped by " + skippers.get(0)
                + "; one run (execution " + scheduledRun.getJsonNumber("executionId") + ")");
        FIGURES.put("promotion", candidate + " promoted on " + runner.name + " at " + promotedAt + ", first answered by "
                + follower.name + " " + followMillis + " ms later (pointer check every 2 s); " + during.size()
                + " predictions through haproxy, 0 failed, by server " + Traffic.byServer(during));
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

    /** Executions started by the schedule, as a server's retraining API lists them. */
    private static List<JsonObject> scheduledExecutions(ClusterNode node) {
        Server.Reply r = node.get("/api/retrain/executions?limit=50");
        assertEquals(200, r.status(), r.body());
        JsonArray list = Json.createReader(new StringReader(r.body())).readArray();
        return list.getValuesAs(JsonObject.class).stream()
                .filter(e -> e.containsKey("run") && !e.isNull("run") && "schedule".equals(e.getJsonObject("run").getString("trigger", "")))
                .map(e -> Json.createObjectBuilder().add("executionId", e.getJsonNumber("executionId"))
                        .add("instanceId", e.getJsonNumber("instanceId")).build())
                .toList();
    }

    /** Prediction bodies by attributes of in-distribution items of the sample (no item master look-up needed). */
    private static List<String> attributeBodies() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + Items.ACCDB.toAbsolutePath() + ";memory=false");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TOP 50 ITEM_TYPE, PART_TYPE, ITEM_MATERIAL, "
                     + "OUTDIAMETER, INDIAMETER FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD NOT LIKE 'NX-%' ORDER BY ITEM_CD DESC")) {
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
        Path access = DIR.resolve(b.name).resolve("access").resolve("routing-sample.accdb");
        Path away = access.resolveSibling("routing-sample.accdb.moved-by-TwoServersIT");
        Files.move(access, away, StandardCopyOption.ATOMIC_MOVE);
        int whileDown;
        try {
            Server.Reply down = Await.until(b.name + " not ready", () -> b.get("/health/ready"), r -> r.status() == 503);
            assertTrue(down.body().contains("\"access_database\":\"DOWN"), down.body());
            lb.await(b.name, "DOWN");
            whileDown = traffic.mark();
            List<Traffic.Sample> drained = traffic.awaitAfter(whileDown, 100);
            assertEquals(Map.of(a.name, (long) drained.size()), Traffic.byServer(drained), "all to " + a.name + " while " + b.name + " is out");
        } finally {
            Files.move(away, access, StandardCopyOption.ATOMIC_MOVE);
        }
        b.awaitReady(Duration.ofMinutes(1));
        lb.await(b.name, "UP");
        int back = traffic.mark();
        Await.until(b.name + " taking requests again", () -> traffic.since(back), s -> Traffic.byServer(s).getOrDefault(b.name, 0L) >= 10);
        List<Traffic.Sample> during = traffic.since(mark);
        assertEquals(List.of(), Traffic.failures(during), "no prediction failed through the load balancer");
        FIGURES.put("readiness", during.size() + " predictions through haproxy while " + b.name + " went out and back, 0 failed; "
                + "by server " + Traffic.byServer(during) + "; while out: " + Traffic.byServer(traffic.since(whileDown).subList(0, 100)));
    }

    /** Point 2: a run killed mid-extract on node-a is restarted on node-b and has exactly the rows of an uninterrupted run. */
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
        Path dir = Path.of(Await.until("the run's dataset directory", () -> a.get("/api/retrain/executions/" + exec).json(),
                e -> e.containsKey("run") && !e.isNull("run") && e.getJsonObject("run").containsKey("datasetDir")).getJsonObject("run").getString("datasetDir"));
        long expected = Retraining.sourceRows();
        long parts = Await.until("six committed parts", () -> partCount(dir), n -> n >= 6);
        assertTrue(parts * 500 < expected, "killed mid-way: " + parts + " parts of " + expected + " rows");
        a.kill();
        lb.await(a.name, "DOWN");
        int whileDead = traffic.mark();
        a.start();
        a.awaitReady(Duration.ofMinutes(4));
        lb.await(a.name, "UP");

        // node-a's restart marked its interrupted execution FAILED in the shared repository; node-b restarts it.
        JsonObject failed = Retraining.awaitEnd(b::get, exec);
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        long logFrom = b.log().length();
        Server.Reply restart = b.httpsAsAdmin("PUT", "/ibm/api/batch/jobinstances/" + instance + "?action=restart", "{}");
        assertTrue(restart.status() == 200 || restart.status() == 201, restart.status() + " " + restart.body());
        long restarted = Await.until("the restarted execution", () -> executionsOf(b, instance), l -> l.size() == 2).stream()
                .filter(id -> id != exec).findFirst().orElseThrow();
        JsonObject done = Retraining.awaitEnd(b::get, restarted);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(instance, done.getJsonNumber("instanceId").longValue());
        Server.Reply where = b.httpsAsAdmin("GET", "/ibm/api/batch/jobexecutions/" + restarted, null);
        assertEquals(200, where.status(), where.body());
        String serverId = where.json().getString("serverId");
        assertTrue(serverId.endsWith("/" + b.name), "ran on " + b.name + ": " + serverId);

        // Resumed after node-a's last checkpoint, nothing lost or duplicated, the same rows as an uninterrupted run.
        long reread = done.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue();
        assertTrue(reread > 0 && reread < expected, "the restart read " + reread + " of " + expected + " rows");
        assertTrue(b.log().substring((int) logFrom).contains("resuming after " + (expected - reread) + " rows"), "node-b resumed");
        assertEquals(expected, done.getJsonObject("run").getJsonNumber("datasetRows").longValue());
        Retraining.assertPartsHoldUniqueRows(dir, expected);
        assertEquals(0, difference(dir, reference), "rows the uninterrupted run lacks");
        assertEquals(0, difference(reference, dir), "rows of the uninterrupted run missing");
        try (Connection c = application(); PreparedStatement ps = c.prepareStatement("SELECT updated_by FROM retrain_run WHERE instance_id = ?")) {
            ps.setLong(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(b.name, rs.getString(1), "the run state was last written by node-b");
            }
        }
        List<Traffic.Sample> during = traffic.since(mark);
        FIGURES.put("restart", "execution " + exec + " killed on " + a.name + " after " + parts + " parts of 500 rows, restarted as "
                + restarted + " on " + b.name + " (" + serverId + "), which read " + reread + " of " + expected
                + " rows; dataset equal to the uninterrupted run's; predictions through haproxy meanwhile: " + during.size()
                + ", failed " + Traffic.failures(during).size() + " (" + Traffic.count(Traffic.failures(during), Traffic.Sample::status)
                + "), after node-a was taken out: failed " + Traffic.failures(traffic.since(whileDead)).size());
    }

    /** Execution ids of a job instance, as a server's retraining API lists them. */
    private static List<Long> executionsOf(ClusterNode node, long instance) {
        Server.Reply r = node.get("/api/retrain/executions?limit=20");
        assertEquals(200, r.status(), r.body());
        return Json.createReader(new StringReader(r.body())).readArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonNumber("instanceId").longValue() == instance).map(e -> e.getJsonNumber("executionId").longValue())
                .toList();
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

    /** Rows of the dataset in {@code a} that are not in {@code b}, all columns compared, duplicates counted (DuckDB). */
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

    /** Point 6: the database stopped takes both servers out of readiness; started again, both come back without a restart. */
    @Test
    @Order(5)
    void theDatabaseStoppedAndStartedTakesBothServersOutAndBackWithoutARestart() throws Exception {
        traffic.close();
        List<Traffic.Sample> all = traffic.all();
        long pidA = a.pid();
        long pidB = b.pid();
        db.stop();
        for (ClusterNode n : List.of(a, b)) {
            Server.Reply down = Await.until(n.name + " not ready", () -> n.get("/health/ready"), r -> r.status() == 503);
            assertTrue(down.body().contains("\"state_database\":\"DOWN"), down.body());
            assertTrue(down.body().contains("\"batch_job_repository\":\"DOWN"), down.body());
        }
        lb.await(a.name, "DOWN");
        lb.await(b.name, "DOWN");
        // Out of the load balancer, but alive: a prediction sent to a server directly is still answered.
        Server.Reply direct = a.post("/api/predictions", attributeBodies().get(0));
        assertEquals(200, direct.status(), direct.body());

        db.start();
        for (ClusterNode n : List.of(a, b)) {
            n.awaitReady(Duration.ofMinutes(1));
        }
        lb.await(a.name, "UP");
        lb.await(b.name, "UP");
        assertEquals(pidA, a.pid(), "node-a was not restarted");
        assertEquals(pidB, b.pid(), "node-b was not restarted");
        // And both use the database again: a reset is a recorded event, seen from either server.
        Instant from = Instant.now();
        assertEquals(200, a.postAsAdmin("/api/drift/reset", "{}").status());
        assertEquals(200, b.postAsAdmin("/api/drift/reset", "{}").status());
        assertEquals(2, eventsSince(b, from).size(), eventsSince(b, from).toString());
        assertEquals(200, a.get("/api/retrain/executions?limit=1").status());
        FIGURES.put("database", "stopped: both servers not ready, haproxy took both out, a direct prediction answered; started: "
                + "both ready again with the same JVMs; all traffic: " + all.size() + " predictions, " + Traffic.failures(all).size()
                + " failed");
    }
}
