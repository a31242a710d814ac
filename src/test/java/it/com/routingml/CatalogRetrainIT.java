package it.com.routingml;

import com.routingml.sample.SampleDatabaseGenerator;
import com.routingml.sample.SampleProfile;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monthly job's model covers the catalog. On a sample above 100,000 routing rows (the default
 * 20,000-item sample, generated here on today's date, given to each run as its {@code accessFile}),
 * a run of the v4 system's mode (the newest 100,000 rows) trains a model that misses items, and a run of
 * the default mode is promoted over it with exactly the items that have a routing in force today,
 * as counted here with plain SQL over the file through a connection of the test's own.
 */
@ExtendWith(Retraining.Harness.class)
class CatalogRetrainIT {

    /** Beside the server's own sample: per-run Access files must lie in the configured file's directory. */
    static final Path ACCDB = Items.ACCDB.toAbsolutePath().resolveSibling("catalog-by-CatalogRetrainIT.accdb");
    static final ModelStore MODELS = new ModelStore(Server.IT_DIR.resolve("models").toAbsolutePath());
    static SampleDatabaseGenerator.Summary summary;
    /** Counted with plain SQL over the file: routing rows, rows in force today, their items, the newest rows' items. */
    static long routingRows;
    static long rowsInForce;
    static Set<String> inForce;
    static Set<String> newestWindow;

    @BeforeAll
    static void generate() throws Exception {
        summary = SampleDatabaseGenerator.generate(ACCDB, new SampleDatabaseGenerator.Options(42,
                SampleProfile.DEFAULT.items(), 0, false, SampleProfile.DEFAULT, LocalDate.now()));
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + ACCDB + ";memory=false")) {
            routingRows = count(c.prepareStatement("SELECT COUNT(*) FROM dbo_BI_ROUTING_VIEW"));
            rowsInForce = count(today(c.prepareStatement("SELECT COUNT(*) " + IN_FORCE)));
            inForce = items(today(c.prepareStatement("SELECT r.ITEM_CD " + IN_FORCE)));
            newestWindow = items(today(c.prepareStatement("SELECT TOP 100000 r.ITEM_CD " + IN_FORCE
                    + " ORDER BY r.INSRT_DT DESC, r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ")));
        }
    }

    /** Routing rows with a JOB_CD, in force today, of an item of the item master. */
    static final String IN_FORCE = "FROM dbo_BI_ROUTING_VIEW r"
            + " INNER JOIN dbo_BI_ITEM_INFO_VIEW i ON i.ITEM_CD = r.ITEM_CD"
            + " WHERE r.JOB_CD IS NOT NULL AND (r.VALID_FROM_DT IS NULL OR r.VALID_FROM_DT < ?)"
            + " AND (r.VALID_TO_DT IS NULL OR r.VALID_TO_DT >= ?)";

    @Test
    void theMonthlyModelHoldsEveryItemWithARoutingInForceNotOnlyThoseOfTheNewestRows() throws Exception {
        assertTrue(routingRows > 100_000, "a sample above the v4 system's 100,000-row window: " + routingRows);
        assertEquals(summary.itemsWithValidRouting(), inForce.size(), "SQL and the generator count the same items");
        assertTrue(newestWindow.size() < inForce.size(),
                newestWindow.size() + " items in the newest rows of " + inForce.size());

        // The v4 system's mode: the newest 100,000 rows. Its model misses the items of older rows.
        JsonObject newest = Retraining.awaitEnd(Retraining.start("{\"accessFile\":\"" + ACCDB
                + "\",\"extract\":\"newest\",\"maxRows\":100000}").getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", newest.getString("status"), newest.toString());
        String partial = newest.getJsonObject("run").getString("candidateVersion");
        RoutingModel partialModel = MODELS.load(partial);
        assertEquals(newestWindow, new TreeSet<>(partialModel.itemCodes()));
        if (!newest.getJsonObject("run").getBoolean("promoted")) {
            Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/models/" + partial + "/activate", "");
            assertEquals(200, r.status(), r.body());
        }

        // The default: the whole catalog in force today, promoted over the partial model.
        JsonObject catalog = Retraining.awaitEnd(Retraining.start("{\"accessFile\":\"" + ACCDB + "\"}")
                .getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", catalog.getString("status"), catalog.toString());
        JsonObject run = catalog.getJsonObject("run");
        assertEquals("CATALOG", run.getJsonObject("settings").getString("extract"));
        assertEquals(LocalDate.now().toString(), run.getString("validOn"));
        assertEquals(rowsInForce, run.getJsonNumber("datasetRows").longValue());
        String full = run.getString("candidateVersion");
        assertEquals("PROMOTED " + full, catalog.getString("exitStatus"), run.toString());
        JsonObject active = Server.get("/api/models/active").json();
        assertEquals(full, active.getString("version"));
        assertEquals(inForce.size(), active.getJsonObject("provenance").getInt("routedItems"));
        assertEquals(inForce, new TreeSet<>(MODELS.load(full).itemCodes()), "the active model's items");
    }

    private static Set<String> items(PreparedStatement ps) throws Exception {
        Set<String> items = new TreeSet<>();
        try (ps; ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(rs.getString(1));
            }
        }
        return items;
    }

    private static long count(PreparedStatement ps) throws Exception {
        try (ps; ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Binds the start of tomorrow and of today to the two validity parameters. */
    private static PreparedStatement today(PreparedStatement ps) throws Exception {
        ps.setTimestamp(1, Timestamp.valueOf(LocalDate.now().plusDays(1).atStartOfDay()));
        ps.setTimestamp(2, Timestamp.valueOf(LocalDate.now().atStartOfDay()));
        return ps;
    }
}
