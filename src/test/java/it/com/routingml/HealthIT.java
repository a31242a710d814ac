package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health as a load balancer and an operator see it, including readiness going DOWN when a
 * dependency disappears on disk and UP again when it is back. The tests run as root, so files are
 * moved away (chmod would not stop reads) and always moved back.
 */
class HealthIT {

    private static final Path ACCDB = Server.IT_DIR.resolve("data/sample/routing-sample.accdb");
    private static final Path MODELS = Server.IT_DIR.resolve("models");

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void apiHealthKeepsTheV4ApiContract() {
        Server.Reply r = Server.get("/api/health");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonObject h = r.json();
        assertEquals("healthy", h.getString("status"));
        assertEquals(System.getProperty("app.version"), h.getString("version"), "the build's version");
        assertTrue(h.getJsonNumber("uptime_seconds").doubleValue() > 0);
        String ts = h.getString("timestamp");
        assertTrue(ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                "ISO-8601 UTC with millis: " + ts);
        Instant.parse(ts);
        JsonObject checks = h.getJsonObject("checks");
        for (String dep : List.of("startup", "jvm", "access_database", "active_model", "batch_job_repository",
                "state_database")) {
            assertEquals("up", checks.getJsonObject(dep).getString("status"), dep + ": " + checks);
        }
        assertTrue(h.getJsonNumber("checks_age_seconds").doubleValue() >= 0);
        assertEquals(Server.activeVersion(),
                checks.getJsonObject("active_model").getString("version"));
    }

    @Test
    void microProfileProbesAreUp() {
        for (String probe : List.of("/health/live", "/health/ready", "/health/started", "/health")) {
            Server.Reply r = Server.get(probe);
            assertEquals(200, r.status(), probe + ": " + r.body());
            assertEquals("UP", r.json().getString("status"), probe);
        }
        JsonObject ready = Server.get("/health/ready").json().getJsonArray("checks").getJsonObject(0);
        assertEquals("dependencies", ready.getString("name"));
        assertTrue(ready.getJsonObject("data").containsKey("checked_ms_ago"), "readiness reports the age of its cache");
    }

    @Test
    void readinessFollowsTheAccessFile() throws Exception {
        Path away = Server.IT_DIR.resolve("routing-sample.accdb.moved-by-HealthIT");
        Files.move(ACCDB, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            Server.Reply down = awaitReady(503);
            assertTrue(down.body().contains("\"access_database\":\"DOWN"), down.body());
            Server.Reply api = Server.get("/api/health");
            assertEquals(503, api.status(), api.body());
            JsonObject h = api.json();
            assertEquals("degraded", h.getString("status"), "attribute predictions still work: " + h);
            assertEquals("down", h.getJsonObject("checks").getJsonObject("access_database").getString("status"));
            assertTrue(h.getJsonObject("checks").getJsonObject("access_database").getString("detail")
                    .contains("missing"));
        } finally {
            Files.move(away, ACCDB, StandardCopyOption.ATOMIC_MOVE);
        }
        awaitReady(200);
        assertEquals(200, Server.get("/api/health").status());
    }

    @Test
    void readinessFollowsTheActiveModelVersionInTheStore() throws Exception {
        String version = Files.readString(MODELS.resolve("active")).trim();
        Path dir = MODELS.resolve(version);
        Path away = Server.IT_DIR.resolve(version + ".moved-by-HealthIT");
        Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            Server.Reply down = awaitReady(503);
            assertTrue(down.body().contains("\"active_model\":\"DOWN"), down.body());
            assertTrue(down.body().contains(version), down.body());
            Server.Reply api = Server.get("/api/health");
            assertEquals(503, api.status(), api.body());
            assertEquals("unhealthy", api.json().getString("status"));
            assertEquals("down", api.json().getJsonObject("checks").getJsonObject("active_model").getString("status"));
            // Liveness is about the JVM: a missing file must not get the process restarted.
            assertEquals(200, Server.get("/health/live").status());
        } finally {
            Files.move(away, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        awaitReady(200);
    }

    @Test
    void wrongMethodsGetProblemJson() {
        BadInputIT.assertProblem(Server.post("/api/health", "{}"), 405, "");
        BadInputIT.assertProblem(
                Server.send(HttpRequest.newBuilder(URI.create(Server.BASE + "/api/metrics")).DELETE()), 405, "");
        BadInputIT.assertProblem(Server.get("/api/metrics/nope"), 404, "");
    }

    private static Server.Reply awaitReady(int status) {
        return Await.until("/health/ready to answer " + status, () -> Server.get("/health/ready"),
                r -> r.status() == status);
    }
}
