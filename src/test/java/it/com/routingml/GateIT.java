package it.com.routingml;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate through the real job: a candidate trained without a third of the routing families
 * (drill {@code dropFamilies}) is refused, and the comparison report and the Slack/Teams notice say
 * why. The active model is untouched, so other ITs see it as before.
 */
class GateIT {

    static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    static HttpServer receiver;

    @BeforeAll
    static void setUp() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", RetrainIT.WEBHOOK_PORT), 0);
        receiver.createContext("/", ex -> {
            RECEIVED.computeIfAbsent(ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                    .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        Server.awaitReady();
    }

    @AfterAll
    static void tearDown() {
        receiver.stop(0);
    }

    @Test
    void aCandidateMissingAThirdOfTheFamiliesIsRefusedAndTheReportAndTheNoticeSayWhy() throws Exception {
        String activeBefore = Server.get("/api/models/active").json().getString("version");
        JsonObject exec = RetrainIT.awaitEnd(RetrainIT.start("{\"degrade\":\"dropFamilies\"}").getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", exec.getString("status"), exec.toString());
        String candidate = exec.getJsonObject("run").getString("candidateVersion");
        assertEquals("NOT_PROMOTED " + candidate, exec.getString("exitStatus"));

        JsonObject report = Server.get("/api/retrain/reports/" + candidate).json();
        assertFalse(report.getBoolean("blessed"), report.toString());
        assertEquals(activeBefore, report.getString("activeVersion"));
        JsonObject coverage = report.getJsonObject("coverage");
        int families = coverage.getInt("activeFamilies");
        int kept = coverage.getInt("keptFamilies");
        assertEquals(families - (families + 2) / 3, kept, "a third of " + families + " families gone: " + coverage);
        assertFalse(coverage.getJsonArray("missingFamilies").isEmpty());
        JsonObject familyCheck = report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("metric").equals("familyCoverage")).findFirst().orElseThrow();
        assertFalse(familyCheck.getBoolean("pass"));
        assertEquals("coverage", familyCheck.getString("kind"));
        String reason = report.getString("reason");
        assertTrue(reason.startsWith("refused: "), reason);
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT, "familyCoverage %.4f: %d of %d routing families of the active "
                + "model kept (%d missing), at least 0.9500 needed; missing e.g. ", (double) kept / families, kept, families,
                families - kept)), reason);
        // Scored on one evaluation set from the whole catalog: newest items and a sample of all earlier ones.
        JsonObject evaluation = report.getJsonObject("evaluation");
        assertTrue(evaluation.getInt("newestItems") > 0 && evaluation.getInt("sampledItems") > 0, evaluation.toString());
        assertEquals(evaluation.getInt("newestItems") + evaluation.getInt("sampledItems"), report.getInt("holdoutItems"));
        assertEquals(2, report.getJsonArray("segments").size());

        assertEquals(activeBefore, Server.get("/api/models/active").json().getString("version"), "the active model stays");
        RetrainIT.assertServes(activeBefore);
        for (String channel : List.of("/slack", "/teams")) {
            String notice = awaitNotice(channel, candidate);
            assertTrue(notice.contains("familyCoverage") && notice.contains("routing families (" + kept + " of " + families + ")"),
                    notice);
        }
    }

    static String awaitNotice(String path, String text) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            List<String> got = RECEIVED.get(path);
            if (got != null) {
                for (String b : got) {
                    if (b.contains(text)) {
                        return b;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notice on " + path + " containing '" + text + "'; received " + RECEIVED);
    }
}
