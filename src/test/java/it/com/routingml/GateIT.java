package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate through the real job: a candidate trained without a third of the routing families
 * (drill {@code dropFamilies}), and one trained on shuffled routings (drill
 * {@code shuffleRoutings}), are kept but not promoted, and the comparison report and the
 * Slack/Teams notice say why. The active model is untouched, so other ITs see it as before.
 */
@ExtendWith(Retraining.Harness.class)
class GateIT {


    @Test
    void aCandidateMissingAThirdOfTheFamiliesIsRefusedAndTheReportAndTheNoticeSayWhy() throws Exception {
        String activeBefore = Server.activeVersion();
        double keptBefore = Scrape.of("/metrics?scope=application").value("routing_ml_retrain_runs_total",
                Map.of("outcome", "kept"));
        JsonObject exec = Retraining.run("{\"degrade\":\"dropFamilies\"}");
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
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT,
                "familyCoverage %.4f: %d of %d routing families of the active "
                + "model kept (%d missing), at least 0.9500 needed; missing e.g. ", (double) kept / families, kept,
                families,
                families - kept)), reason);
        // Scored on one evaluation set from the whole catalog: newest items and a sample of all earlier ones.
        JsonObject evaluation = report.getJsonObject("evaluation");
        assertTrue(evaluation.getInt("newestItems") > 0 && evaluation.getInt("sampledItems") > 0,
                evaluation.toString());
        assertEquals(evaluation.getInt("newestItems") + evaluation.getInt("sampledItems"),
                report.getInt("holdoutItems"));
        assertEquals(2, report.getJsonArray("segments").size());

        assertEquals(activeBefore, Server.activeVersion(),
                "the active model stays");
        Retraining.assertServes(activeBefore);
        // The KPIs: the run counted as kept, its duration known; the gauges show the active model's holdout accuracy.
        Scrape metrics = Scrape.of("/metrics?scope=application");
        assertEquals(keptBefore + 1, metrics.value("routing_ml_retrain_runs_total", Map.of("outcome", "kept")));
        assertTrue(metrics.value("routing_ml_retrain_last_duration_seconds") > 0, "not NaN once a run completed");
        JsonObject holdout = Server.get("/api/models/active").json().getJsonObject("metrics");
        assertEquals(holdout.getJsonNumber("top1Accuracy").doubleValue(),
                metrics.value("routing_ml_model_holdout_top1_accuracy"), 1e-9);
        assertEquals(holdout.getJsonNumber("top3HitRate").doubleValue(),
                metrics.value("routing_ml_model_holdout_top3_hit_rate"), 1e-9);
        for (String channel : List.of("/slack", "/teams")) {
            Webhooks.awaitNotice(channel, candidate);
            assertTrue(Webhooks.RECEIVED.get(channel).stream().anyMatch(n -> n.contains(candidate)
                    && n.contains("familyCoverage")
                    && n.contains("routing families (" + kept + " of " + families + ")")),
                    Webhooks.RECEIVED.get(channel).toString());
        }
    }

    @Test
    void aWorseCandidateIsKeptButNotPromotedAndTheReportSaysWhy() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.activeVersion();
        // Verification drill: the candidate learns from routings shuffled between items.
        JsonObject started = start("{\"degrade\":\"shuffleRoutings\",\"chunkSize\":2000}");
        JsonObject exec = awaitEnd(started.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        String candidate = run.getString("candidateVersion");
        assertEquals("NOT_PROMOTED " + candidate, exec.getString("exitStatus"));
        assertFalse(run.getBoolean("promoted"));
        assertEquals("SHUFFLE_ROUTINGS", run.getJsonObject("settings").getString("degrade"));

        // The report: not blessed, and why - which metric, both values, by how much.
        Server.Reply r = Server.get("/api/retrain/reports/" + candidate);
        assertEquals(200, r.status(), r.body());
        JsonObject report = r.json();
        assertFalse(report.getBoolean("blessed"), r.body());
        assertEquals(activeBefore, report.getString("activeVersion"));
        String reason = report.getString("reason");
        assertTrue(reason.startsWith("refused: "), reason);
        JsonObject top1 = report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("metric").equals("top1Accuracy")).findFirst().orElseThrow();
        assertFalse(top1.getBoolean("pass"), top1.toString());
        double cand = top1.getJsonNumber("candidate").doubleValue();
        double act = top1.getJsonNumber("active").doubleValue();
        assertTrue(act - cand > 0.1, "the drill makes top-1 clearly worse: " + cand + " vs " + act);
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT,
                "top1Accuracy on the newest items %.4f vs %.4f (%.4f lower; tolerance 0.0100)", cand, act,
                        act - cand)), reason);

        // Kept for review, not deleted; the active model is unchanged and still serves.
        assertTrue(Files.isRegularFile(Server.IT_DIR.resolve("models").resolve(candidate).resolve("index.bin")),
                "candidate kept");
        assertTrue(Server.get("/api/models").body().contains(candidate), "candidate listed");
        assertTrue(Files.readString(Server.IT_DIR.resolve("models").resolve(candidate).resolve("model.json"))
                .contains("degrade=shuffleRoutings"),
                "the candidate's provenance names the drill");
        assertEquals(activeBefore, Server.activeVersion());
        assertServes(activeBefore);
        awaitNotice("/slack", "candidate not promoted");
        assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("not blessed")
                        && b.contains("top1Accuracy") && b.contains("degrade=shuffleRoutings")),
                Webhooks.RECEIVED.toString());
    }
}
