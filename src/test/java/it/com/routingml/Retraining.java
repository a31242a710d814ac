package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retraining job as the ITs drive and check it: start, await, the dataset it wrote, the model it serves. */
final class Retraining {

    private Retraining() {
    }

    /** The newest execution of a job instance (one submitted over the batch REST API). */
    static long latestExecutionOf(long instance) throws InterruptedException {
        for (Instant until = Instant.now().plus(Duration.ofSeconds(30)); Instant.now().isBefore(until);
                Thread.sleep(200)) {
            var list = jakarta.json.Json.createReader(
                    new java.io.StringReader(Server.get("/api/retrain/executions?limit=5").body())).readArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject e = list.getJsonObject(i);
                if (e.getJsonNumber("instanceId").longValue() == instance) {
                    return e.getJsonNumber("executionId").longValue();
                }
            }
        }
        throw new AssertionError("no execution of job instance " + instance);
    }

    /** An execution's step by name. */
    static JsonObject step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(x -> x.getString("step").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + " in " + execution));
    }

    /** The newest executions, newest first, as {@code GET /api/retrain/executions} lists them. */
    static List<JsonObject> executions(int limit) {
        Server.Reply r = Server.get("/api/retrain/executions?limit=" + limit);
        assertEquals(200, r.status(), r.body());
        return jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readArray()
                .getValuesAs(JsonObject.class);
    }

    /** Starts a run over {@code POST /api/retrain} and waits for its end. */
    static JsonObject run(String params) throws InterruptedException {
        return awaitEnd(start(params).getJsonNumber("executionId").longValue());
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
        List<String> columns = manifest.getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).toList();
        String glob = dir.toAbsolutePath().resolve("part-*.parquet").toString();
        assertFalse(glob.contains("'"), glob);
        String from = "read_parquet('" + glob + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT (ITEM_CD, ROUT_NO, PROC_SEQ)), "
                    + "count(INSRT_DT) FROM " + from)) {
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

    /** PUT /ibm/api/batch/jobinstances/{id}?action=restart with an empty JSON body, over HTTPS. */
    static Server.Reply batchRestart(long instance, String authorization) {
        return Server.https("PUT", "/ibm/api/batch/jobinstances/" + instance + "?action=restart", authorization, "{}");
    }

    static JsonObject start(String params) {
        Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", params);
        assertEquals(202, r.status(), r.body());
        return r.json();
    }

    static JsonObject awaitEnd(long executionId) throws InterruptedException {
        return awaitEnd(Server::get, executionId);
    }

    /** Waits until an execution has ended, asking {@code get} (a server's GET) for its status. */
    static JsonObject awaitEnd(java.util.function.Function<String, Server.Reply> get, long executionId)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        JsonObject e = null;
        while (Instant.now().isBefore(deadline)) {
            Server.Reply r = get.apply("/api/retrain/executions/" + executionId);
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

    /** Routing rows the extract must read: its filter, rows in force today, counted independently over UCanAccess. */
    static long sourceRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + Items.ACCDB.toAbsolutePath()
                + ";memory=false");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo_BI_ROUTING_VIEW r"
                     + " INNER JOIN dbo_BI_ITEM_INFO_VIEW i ON i.ITEM_CD = r.ITEM_CD"
                     + " WHERE r.ITEM_CD IS NOT NULL AND r.ROUT_NO IS NOT NULL"
                     + " AND r.PROC_SEQ IS NOT NULL AND r.JOB_CD IS NOT NULL"
                     + " AND (r.VALID_FROM_DT IS NULL OR r.VALID_FROM_DT < ?)"
                     + " AND (r.VALID_TO_DT IS NULL OR r.VALID_TO_DT >= ?)")) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDate.now().plusDays(1).atStartOfDay()));
            ps.setTimestamp(2, Timestamp.valueOf(LocalDate.now().atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads every committed part file with parquet-avro: exactly {@code expected} rows, no key twice. */
    static void assertPartsHoldUniqueRows(Path dir, long expected) throws Exception {
        Set<String> keys = new HashSet<>();
        long rows = 0;
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path p : parts.filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.parquet"))
                    .sorted().toList()) {
                try (ParquetReader<GenericRecord> r = AvroParquetReader
                        .<GenericRecord>builder(new LocalInputFile(p), new PlainParquetConfiguration())
                        .withDataModel(org.apache.avro.generic.GenericData.get()).build()) {
                    for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                        rows++;
                        assertTrue(keys.add(rec.get("ITEM_CD") + "|" + rec.get("ROUT_NO") + "|" + rec.get("PROC_SEQ")),
                                "duplicate key");
                    }
                }
            }
        }
        assertEquals(expected, rows);
    }

    /** Makes {@code version} active again (admin rollback), so later ITs see the model they expect. */
    /**
     * The setting of each IT class that runs retraining jobs on the shared server: a webhook
     * receiver for the notices, a ready server, and afterwards the model that was active before the
     * class, so later classes see the original whatever this one promoted.
     */
    static final class Harness implements BeforeAllCallback, AfterAllCallback {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Harness.class);

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            Webhooks.start();
            Server.awaitReady();
            context.getStore(NAMESPACE).put("active", Server.activeVersion());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            try {
                String before = context.getStore(NAMESPACE).get("active", String.class);
                if (!before.equals(Server.activeVersion())) {
                    restoreActiveModel(before);
                }
            } finally {
                Webhooks.stop();
            }
        }
    }

    static void restoreActiveModel(String version) {
        if (version == null) {
            return;
        }
        Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/models/" + version + "/activate", "");
        assertEquals(200, r.status(), r.body());
        assertEquals(version, Server.activeVersion());
    }
}
