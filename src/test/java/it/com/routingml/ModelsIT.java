package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

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

    /**
     * Another server promotes by writing a version and moving the shared store's {@code active}
     * pointer; this server follows within its pointer-check interval (1 s here, 30 s by default).
     * Simulated from outside the server: a copy of the active version under a new name, then the
     * pointer replaced by an atomic rename, as {@code ModelStore} does. A corrupt target is refused
     * and the served model kept.
     */
    @Test
    void aPointerMovedByAnotherServerIsFollowedAndACorruptTargetRefused() throws Exception {
        Path models = Server.IT_DIR.resolve("models");
        String original = Server.activeVersion();
        String copy = "it-follow-" + System.currentTimeMillis();
        String broken = copy + "-broken";
        copyVersion(models, original, copy);
        copyVersion(models, original, broken);
        Path index = models.resolve(broken).resolve("index.bin");
        byte[] b = Files.readAllBytes(index);
        b[b.length / 2] ^= (byte) 0xFF;
        Files.write(index, b);
        try {
            movePointer(models, copy);
            awaitActive(copy);
            assertEquals(copy, Retraining.predictFirstItem().json().getString("modelVersion"), "predictions use it");

            long from = Server.logSize();
            movePointer(models, broken);
            Server.awaitLog(from, "the active pointer names model " + broken + ", which cannot be loaded: model "
                    + broken + ": index.bin checksum");
            assertEquals(copy, Server.activeVersion(),
                    "a corrupt target is refused");
            assertEquals(copy, Retraining.predictFirstItem().json().getString("modelVersion"));
        } finally {
            movePointer(models, original);
            awaitActive(original);
            deleteTree(models.resolve(copy));
            deleteTree(models.resolve(broken));
        }
    }

    /** A new version with the same model: index.bin copied, model.json renamed to the new version. */
    private static void copyVersion(Path models, String from, String to) throws Exception {
        Path dir = Files.createDirectory(models.resolve(to));
        Files.copy(models.resolve(from).resolve("index.bin"), dir.resolve("index.bin"));
        JsonObject meta;
        try (var r = jakarta.json.Json.createReader(
                Files.newBufferedReader(models.resolve(from).resolve("model.json")))) {
            meta = r.readObject();
        }
        Files.writeString(dir.resolve("model.json"),
                jakarta.json.Json.createObjectBuilder(meta).add("version", to).build().toString());
    }

    private static void movePointer(Path models, String version) throws Exception {
        Path tmp = models.resolve("active.tmp-it");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, models.resolve("active"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitActive(String version) {
        Await.until("the active model to become " + version,
                () -> Server.activeVersion(), version::equals);
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
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
