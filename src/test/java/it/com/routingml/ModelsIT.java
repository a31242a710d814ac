package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model store as seen over the API, after the first start trained a model from the sample database. */
class ModelsIT {

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void activeModelHasMeasuredAccuracyAndProvenance() throws Exception {
        Server.Reply r = Server.get("/api/models/active");
        assertEquals(200, r.status(), r.body());
        JsonObject m = r.json();
        String version = m.getString("version");
        assertTrue(m.getBoolean("active"));
        JsonObject metrics = m.getJsonObject("metrics");
        double top1 = metrics.getJsonNumber("top1Accuracy").doubleValue();
        assertTrue(top1 > 0.5 && top1 < 1.0, "top-1 accuracy is a real measurement: " + top1);
        assertTrue(metrics.getJsonNumber("top3HitRate").doubleValue() >= top1);
        assertTrue(metrics.getInt("items") > 0);
        JsonObject prov = m.getJsonObject("provenance");
        assertEquals(64, prov.getString("dataSha256").length());
        assertTrue(prov.getString("dataSource").endsWith("routing-sample.accdb"));
        assertEquals(Items.codes("SELECT ITEM_CD FROM dbo_BI_ITEM_INFO_VIEW").size(), prov.getInt("items"));
        assertTrue(prov.getInt("routingRows") > prov.getInt("routedItems"));
        assertEquals(metrics.getInt("items"), m.getInt("baselineSize"), "drift baseline = holdout scores");
        // The pointer file on disk names the same version; the version directory is complete.
        assertEquals(version, Files.readString(Server.IT_DIR.resolve("models/active")).trim());
        assertTrue(Files.isRegularFile(Server.IT_DIR.resolve("models").resolve(version).resolve("index.bin")));
    }

    @Test
    void listShowsVersionsNewestFirst() {
        Server.Reply r = Server.get("/api/models");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        String active = o.getString("activeVersion");
        assertFalse(o.getJsonArray("models").isEmpty());
        assertTrue(o.getJsonArray("models").stream().anyMatch(v -> v.asJsonObject().getString("version").equals(active)
                && v.asJsonObject().getBoolean("active")));
    }
}
