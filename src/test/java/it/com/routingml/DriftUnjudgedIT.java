package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window of a few scores is no reading: after a reset and two predictions of the shifted family
 * (a large KL), the status, the summary and the gauges all say "not judged yet" and nothing
 * recommends retraining.
 */
class DriftUnjudgedIT {

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void twoScoresAreUnjudgedInTheStatusTheSummaryAndTheGauges() {
        Server.Reply reset = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/drift/reset", "{}");
        assertEquals(200, reset.status(), reset.body());
        for (String code : Items.shifted().subList(0, 2)) {
            Server.Reply r = Server.post("/api/predictions", "{\"itemCode\":\"" + code + "\",\"topK\":1}");
            assertEquals(200, r.status(), r.body());
        }

        JsonObject s = Server.get("/api/drift/status").json();
        assertEquals(2, s.getInt("buffer_size"), s.toString());
        assertTrue(s.getJsonNumber("kl_divergence").doubleValue() > 1.0, "premise: a large KL on two scores " + s);
        assertEquals("UNJUDGED", s.getString("tier"));
        assertFalse(s.getBoolean("judged"));
        assertFalse(s.getBoolean("drift_detected"));
        assertFalse(s.getBoolean("should_retrain"));
        assertFalse(s.containsKey("retrain_reason"), "null, so left out by JSON-B: " + s);

        JsonObject sum = Server.get("/api/drift/summary?days=7").json();
        assertFalse(sum.getBoolean("should_retrain"), sum.toString());
        assertFalse(sum.containsKey("retrain_reason"), sum.toString());
        JsonObject last = sum.getJsonArray("events").getJsonObject(sum.getJsonArray("events").size() - 1);
        assertEquals("RESET", last.getString("kind"), "no drift event since the reset: " + sum);

        Scrape metrics = Scrape.of("/metrics?scope=application");
        assertTrue(Double.isNaN(metrics.value("routing_ml_drift_kl_divergence")), metrics.text());
        assertTrue(Double.isNaN(metrics.value("routing_ml_drift_psi")), metrics.text());
        assertEquals(0.0, metrics.value("routing_ml_retrain_recommended"));
    }
}
