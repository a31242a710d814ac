package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift detection end to end: in-distribution items stay quiet, the generator's shifted family
 * raises KL above the threshold and records an event episode, and everything survives kill -9.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftIT {

    private static JsonObject beforeCrash;
    private static JsonObject summaryBeforeCrash;

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    @Order(1)
    void resetNeedsAnAdmin() {
        BadInputIT.assertProblem(Server.post("/api/drift/reset", "{}"), 401, "");
        BadInputIT.assertProblem(Server.postAs("operator", Server.OPERATOR_PASSWORD, "/api/drift/reset", "{}"),
                403, "");
        BadInputIT.assertProblem(Server.postAs("admin", "wrong-password", "/api/drift/reset", "{}"), 401, "");
        Server.Reply ok = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/drift/reset", "{}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("Drift detector buffer reset successfully", ok.json().getString("message"));
        assertEquals(0, status().getInt("buffer_size"));
    }

    @Test
    @Order(2)
    void inDistributionItemsDoNotDrift() {
        List<String> items = Items.unroutedBase();
        assertTrue(items.size() >= 300, "sample has unrouted base items: " + items.size());
        // Evenly spaced over the item codes, so no family or period dominates the sample.
        List<String> sample = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> items.get(i * items.size() / 300)).toList();
        predict(sample);
        JsonObject s = status();
        assertEquals(300, s.getInt("buffer_size"));
        assertTrue(s.getBoolean("judged"));
        assertFalse(s.getBoolean("drift_detected"), "KL of in-distribution items: " + s);
        assertTrue(s.getJsonNumber("kl_divergence").doubleValue() < 0.3, s.toString());
    }

    @Test
    @Order(3)
    void shiftedFamilyRaisesKlAndRecordsOneEpisode() {
        List<String> shifted = Items.shifted();
        assertEquals(400, shifted.size());
        // A repeated `mvn verify` keeps target/it: count only this run's events.
        int driftsBefore = summary("7").getInt("drift_count");
        int sent = 0;
        while (sent < 1000) {
            predict(shifted);
            sent += shifted.size();
        }
        JsonObject s = status();
        double kl = s.getJsonNumber("kl_divergence").doubleValue();
        assertTrue(s.getBoolean("drift_detected"), s.toString());
        assertTrue(kl > s.getJsonNumber("threshold").doubleValue(), s.toString());
        assertEquals(1000, s.getInt("buffer_size"));
        JsonObject sum = summary("7");
        int drifts = sum.getInt("drift_count") - driftsBefore;
        // Episodes, not predictions: ~900 drifting predictions give one or two events, not hundreds.
        assertTrue(drifts >= 1 && drifts <= 2, sum.toString());
        assertTrue(sum.getJsonArray("events").stream()
                .anyMatch(e -> e.asJsonObject().getString("kind").equals("RESET")));
        // "KL > 1.0: retrain now" reads the judged window, whatever KL the episode's event recorded.
        assertTrue(kl > 1.0, s.toString());
        assertEquals("SEVERE", s.getString("tier"));
        assertTrue(s.getBoolean("should_retrain"), s.toString());
        assertFalse(s.getString("retrain_reason").isEmpty(), s.toString());
        assertTrue(s.containsKey("last_retrain_trigger"),
                "the monitor acted on the rule (JSON-B leaves nulls out): " + s);
        assertEquals(s.getBoolean("should_retrain"), sum.getBoolean("should_retrain"), sum.toString());
        assertEquals(s.getString("retrain_reason"), sum.getString("retrain_reason"));
        beforeCrash = s;
        summaryBeforeCrash = sum;

        // The same figures reach Prometheus (the gauges read the detector at scrape time).
        Scrape metrics = Scrape.of("/metrics?scope=application");
        assertEquals(kl, metrics.value("routing_ml_drift_kl_divergence"), 1e-9);
        assertEquals(s.getJsonNumber("psi").doubleValue(), metrics.value("routing_ml_drift_psi"), 1e-9);
        assertTrue(metrics.value("routing_ml_drift_events_total") >= drifts);
        assertEquals(1.0, metrics.value("routing_ml_retrain_recommended"));
    }

    @Test
    @Order(4)
    void eventsAndWindowSurviveKillDashNine() throws Exception {
        Await.until("the window snapshot to hold every score", DriftIT::status,
                s -> s.containsKey("window_saved_at") && s.getJsonNumber("window_unsaved_scores").longValue() == 0);
        Server.killAndRestart();
        JsonObject s = status();
        assertEquals(beforeCrash.getInt("buffer_size"), s.getInt("buffer_size"), "window restored");
        assertEquals(beforeCrash.getJsonNumber("kl_divergence").doubleValue(),
                s.getJsonNumber("kl_divergence").doubleValue(), 1e-9);
        assertTrue(s.getBoolean("drift_detected"), "episode state restored");
        JsonObject sum = summary("7");
        assertEquals(summaryBeforeCrash.getInt("drift_count"), sum.getInt("drift_count"));
        assertEquals(summaryBeforeCrash.getJsonArray("events").size(), sum.getJsonArray("events").size(),
                "no event lost");
    }

    @Test
    @Order(5)
    void summaryValidatesDays() {
        for (String bad : List.of("0", "366", "-1", "abc", "7.5", "99999999999")) {
            BadInputIT.assertProblem(Server.get("/api/drift/summary?days=" + bad), 400,
                    "days must be an integer from 1 to 365");
        }
        assertEquals(30, summary("30").getInt("period_days"));
        assertEquals(7, Server.get("/api/drift/summary").json().getInt("period_days"));
    }

    private static void predict(List<String> items) {
        for (String code : items) {
            Server.Reply r = Server.post("/api/predictions", "{\"itemCode\":\"" + code + "\",\"topK\":1}");
            assertEquals(200, r.status(), r.body());
        }
    }

    private static JsonObject status() {
        Server.Reply r = Server.get("/api/drift/status");
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonObject summary(String days) {
        Server.Reply r = Server.get("/api/drift/summary?days=" + days);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
