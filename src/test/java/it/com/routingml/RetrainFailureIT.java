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

import static it.com.routingml.Retraining.*;
import static it.com.routingml.Webhooks.awaitNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retraining runs that cannot succeed fail, or are refused, with a message that names the cause,
 * a failure notice, and the active model untouched: a missing Access file, a corrupt or foreign
 * per-run Access file, a chunk transaction that times out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Retraining.Harness.class)
class RetrainFailureIT {


    @Test
    @Order(1)
    void aMissingAccessFileFailsWithItsNameAFailureNoticeAndTheActiveModelUntouched() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.activeVersion();
        Path accdb = Items.ACCDB.toAbsolutePath();
        Path aside = accdb.resolveSibling(accdb.getFileName() + ".moved-by-RetrainIT");
        Files.move(accdb, aside);
        try {
            JsonObject missing = awaitEnd(start("{}").getJsonNumber("executionId").longValue());
            assertEquals("FAILED", missing.getString("status"), missing.toString());
            JsonObject run = missing.getJsonObject("run");
            assertEquals("extract", run.getString("failedStep"));
            assertEquals("Access database not found: " + accdb, run.getString("failure"));
            assertTrue(missing.getString("exitStatus").contains(accdb.toString()), missing.toString());
            awaitNotice("/slack", "Access database not found: " + accdb);
            awaitNotice("/teams", "Access database not found: " + accdb);
            assertEquals(activeBefore, Server.activeVersion(),
                    "active model untouched");
        } finally {
            Files.move(aside, accdb);
        }
        Server.awaitReady();
        // The item look-up connection the server held across the move may be stale: its first use
        // answers 503 and reopens it (AccessDatabase.findItem), so allow a few attempts.
        // (Junk bytes are not written over the configured file: UCanAccess would then keep a broken
        // cached database for that path until a restart. The corrupt case below uses its own path.)
        Server.Reply p = null;
        for (Instant until = Instant.now().plus(Duration.ofSeconds(20)); Instant.now().isBefore(until);
                Thread.sleep(500)) {
            p = predictFirstItem();
            if (p.status() == 200) {
                break;
            }
        }
        assertEquals(200, p.status(), p.body());
        assertEquals(activeBefore, p.json().getString("modelVersion"));
    }

    @Test
    @Order(2)
    void aCorruptPerRunAccessFileIsRefusedBeforeTheRunStarts() throws Exception {
        String activeBefore = Server.activeVersion();
        // A copy cut short - what a copy interrupted mid-way off a share looks like: a valid header,
        // then nothing. Next to the configured file: per-run Access files must lie in its directory
        // (routingml.retrain.access-file-dir). The submission reads the file's catalog, so the run
        // is refused with 400 before anything starts, not failed in extract.
        Path corrupt = Items.ACCDB.toAbsolutePath().resolveSibling("corrupt-by-RetrainIT.accdb");
        try (var in = Files.newInputStream(Items.ACCDB)) {
            Files.write(corrupt, in.readNBytes(64 * 1024));
        }
        long newest = executions(1).get(0).getJsonNumber("executionId").longValue();
        try {
            BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                    "{\"accessFile\":\"" + corrupt + "\"}"),
                    400, "job parameter accessFile has an invalid value '" + corrupt
                            + "': not a readable Access database (");
            BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                    "{\"accessFile\":\"gone.accdb\"}"),
                    400, "job parameter accessFile has an invalid value 'gone.accdb': no such file");
        } finally {
            Files.deleteIfExists(corrupt);
        }
        assertEquals(newest, executions(1).get(0).getJsonNumber("executionId").longValue(), "no run was started");
        assertServes(activeBefore); // the configured file still reads: item look-ups by ITEM_CD answer
        BadInputIT.assertProblem(Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain",
                "{\"accessFile\":\"../items.accdb\"}"),
                400, "job parameter accessFile has an invalid value '../items.accdb': must lie inside");
    }

    @Test
    @Order(3)
    void aPerRunAccessFileIsRefusedWhenTheJobIsNotStartedThroughTheAdminApi() throws Exception {
        Webhooks.RECEIVED.clear();
        // Over the batch REST API only admins (batchAdmin) and the scheduler's service identity may
        // submit; an operator is refused outright. Even an admin's submission there must not read a
        // file of its choosing: only POST /api/retrain approves a per-run accessFile.
        String other = Items.ACCDB.toAbsolutePath().resolveSibling("other.accdb").toString();
        String body = "{\"applicationName\":\"routing-ml\",\"moduleName\":\"routing-ml.war\","
                + "\"jobXMLName\":\"monthly-retrain\",\"jobParameters\":{\"accessFile\":\"" + other
                + "\",\"accessFileApproval\":\"forged\"}}";
        Server.Reply refused = Server.https("POST", "/ibm/api/batch/jobinstances",
                Server.basic("operator", Server.OPERATOR_PASSWORD), body);
        assertTrue(refused.status() == 401 || refused.status() == 403, refused.status() + " " + refused.body());
        Server.Reply r = Server.https("POST", "/ibm/api/batch/jobinstances", Server.admin(), body);
        assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
        long instance = r.json().getJsonNumber("instanceId").longValue();
        JsonObject exec = awaitEnd(latestExecutionOf(instance));
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("check", run.getString("failedStep"), "refused before anything was opened");
        assertTrue(run.getString("failure").contains("accepted only from POST /api/retrain"), run.toString());
        assertTrue(exec.getString("exitStatus").startsWith("REFUSED: job parameter accessFile"), exec.toString());
        awaitNotice("/slack", "accepted only from POST /api/retrain");
    }

    @Test
    @Order(4)
    void aTimedOutChunkTransactionIsTheFailureReasonNotTooFewRows() throws Exception {
        Webhooks.RECEIVED.clear();
        String activeBefore = Server.activeVersion();
        // A 1 s chunk transaction that sleeps 2.5 s before its commit (the throttle runs inside it):
        // the transaction manager rolls it back, as it did to the 1M-row extract under the defaults.
        JsonObject exec = awaitEnd(start("{\"transactionTimeout\":1,\"throttleMillis\":2500,\"chunkSize\":500}")
                .getJsonNumber("executionId").longValue());
        assertEquals("FAILED", exec.getString("status"), exec.toString());
        JsonObject run = exec.getJsonObject("run");
        assertEquals("extract", run.getString("failedStep"));
        String failure = run.getString("failure");
        assertTrue(failure.startsWith("step extract's chunk transaction timed out and was rolled back"), failure);
        assertTrue(failure.contains("transaction timeout of 1 s (job parameter transactionTimeout)"), failure);
        assertFalse(failure.contains("at least"), "not the min-rows message: " + failure);
        assertTrue(exec.getString("exitStatus").contains("timed out"), exec.toString());
        awaitNotice("/slack", "chunk transaction timed out");
        assertEquals(activeBefore, Server.activeVersion(),
                "active model untouched");
        BadInputIT.assertProblem(
                Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"transactionTimeout\":0}"),
                400, "transactionTimeout");
    }
}
