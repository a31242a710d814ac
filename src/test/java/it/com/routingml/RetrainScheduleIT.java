package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monthly schedule on the real server: a missed tick is caught up once, and scheduled runs
 * start as the application's batch service identity.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Retraining.Harness.class)
class RetrainScheduleIT {


    /**
     * A scheduled start, not one over the API: the cron tick runs on a server thread without a
     * caller, as the application's batch service identity, which is then the job instance's
     * submitter. A configuration drop-in sets a cron firing every 5 s and a minimum row count the
     * sample cannot reach (the run fails in extract, so nothing is promoted); removing it restores
     * the server's configuration. Each change restarts the application (its appProperties change),
     * not the server.
     *
     * <p>No silent skips: the application restarts with a schedule whose latest tick (a few seconds
     * ago) nobody ran, and a model older than it, so exactly one catch-up run starts before the ticks.
     */
    @Test
    @Order(1)
    void aScheduledRunStartsAsTheServiceIdentityAfterOneCatchUpOfTheMissedTick() throws Exception {
        Webhooks.RECEIVED.clear();
        var before = jakarta.json.Json.createReader(
                new java.io.StringReader(Server.get("/api/retrain/executions?limit=1").body())).readArray();
        long newestBefore = before.isEmpty() ? 0 : before.getJsonObject(0).getJsonNumber("executionId").longValue();
        Path dropin = Server.SERVER_DIR.resolve("configDropins/overrides/it-schedule.xml");
        Files.createDirectories(dropin.getParent());
        Path written = dropin.resolveSibling("it-schedule.xml.tmp"); // Liberty reads *.xml drop-ins: rename it in whole
        Server.reconfigure(() -> Files.move(Files.writeString(written, """
                <server>
                    <variable name="routingml.retrain.cron" value="*/5 * * * * *"/>
                    <variable name="routingml.retrain.min-rows" value="100000"/>
                    <webApplication id="routing-ml">
                        <appProperties><property name="it.schedule" value="RetrainIT"/></appProperties>
                    </webApplication>
                </server>
                """), dropin, java.nio.file.StandardCopyOption.ATOMIC_MOVE),
                "retraining scheduled by cron '*/5 * * * * *'");
        try {
            JsonObject scheduled = null;
            List<JsonObject> fresh = List.of();
            for (Instant until = Instant.now().plus(Duration.ofMinutes(1));
                    scheduled == null && Instant.now().isBefore(until); Thread.sleep(200)) {
                // read anonymously: the application shows run status to anyone, reading it as the service identity
                fresh = executions(50).stream().filter(e -> e.getJsonNumber("executionId").longValue() > newestBefore)
                        .toList();
                scheduled = fresh.stream().filter(e -> "schedule".equals(trigger(e))).reduce((newer, older) -> older)
                        .orElse(null);
            }
            assertTrue(scheduled != null, "no scheduled execution within a minute: " + fresh);
            List<JsonObject> catchUps = fresh.stream().filter(e -> "catch-up".equals(trigger(e))).toList();
            assertEquals(1, catchUps.size(), "one catch-up of the tick missed while the application restarted: "
                    + fresh);
            long catchUp = catchUps.get(0).getJsonNumber("executionId").longValue();
            assertTrue(catchUp < scheduled.getJsonNumber("executionId").longValue(), "the catch-up ran first");
            String log = Files.readString(Server.MESSAGES_LOG);
            assertTrue(log.contains("catch-up of scheduled monthly-retrain: period "), "the catch-up is logged");

            JsonObject done = awaitEnd(scheduled.getJsonNumber("executionId").longValue());
            JsonObject run = done.getJsonObject("run");
            assertEquals("schedule", run.getString("trigger"), done.toString());
            // The job ran as far as the job listener and the extract step: under the service identity.
            assertEquals("FAILED", done.getString("status"), done.toString());
            assertTrue(run.getString("failure").contains("at least 100000 are needed"), run.toString());

            for (JsonObject e : List.of(done, awaitEnd(catchUp))) {
                Server.Reply batch = Server.https("GET", "/ibm/api/batch/jobinstances/"
                        + e.getJsonNumber("instanceId").longValue(),
                        Server.admin(), null);
                assertEquals(200, batch.status(), batch.body());
                assertEquals("routingml-scheduler", batch.json().getString("submitter"), batch.body());
            }
            awaitNotice("/slack", "at least 100000 are needed");
            assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("schedule")),
                    Webhooks.RECEIVED.toString());
            assertTrue(Webhooks.RECEIVED.get("/slack").stream().anyMatch(b -> b.contains("catch-up")),
                    Webhooks.RECEIVED.toString());
        } finally {
            Server.reconfigure(() -> Files.deleteIfExists(dropin), "retraining scheduled by cron '0 0 2 1 * *'");
            // a tick's run may straddle the restart: let it end before the next test starts one
            for (JsonObject e : executions(50)) {
                if (e.getJsonNumber("executionId").longValue() > newestBefore) {
                    awaitEnd(e.getJsonNumber("executionId").longValue());
                }
            }
        }
    }

    private static String trigger(JsonObject execution) {
        return execution.get("run") instanceof JsonObject run && run.get("trigger") instanceof jakarta.json.JsonString t
                ? t.getString() : null;
    }
}
