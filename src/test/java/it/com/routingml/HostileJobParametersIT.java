package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile retraining job parameters, whichever way the job is submitted: {@code POST /api/retrain}
 * answers 400 before anything starts; over Liberty's batch REST API (where the application cannot
 * answer) the run ends in its first step, REFUSED, before anything is opened or written. No value
 * produces an FFDC incident, and nothing is written outside the dataset root.
 */
class HostileJobParametersIT {

    /** Parameter, JSON value (as written in the body), what the refusal says. */
    static final List<String[]> HOSTILE = List.of(
            new String[] {"month", "\"2031-01\"", "not a month written YYYYMM"},
            new String[] {"month", "\"abcdef\"", "not a month written YYYYMM"},
            new String[] {"month", "\"20310\"", "not a month written YYYYMM"},
            new String[] {"month", "\"203101.5\"", "not a month written YYYYMM"},
            new String[] {"month", "203101.5", "not a month written YYYYMM"},
            new String[] {"month", "\"null\"", "not a month written YYYYMM"},
            new String[] {"month", "null", "is null"},
            new String[] {"month", "\"２０２６１１\"", "not a month written YYYYMM"},
            new String[] {"month", "\"000000\"", "month 00 does not exist"},
            new String[] {"month", "\"203113\"", "month 13 does not exist"},
            new String[] {"month", "\"203101\"", "to the current month"},
            new String[] {"codec", "\"LZ4X\"", "not a Parquet codec this server writes"},
            new String[] {"minRows", "1000000000", "must be from 0 to 100000"},
            new String[] {"minRows", "1e9", "not a whole number"},
            new String[] {"chunkSize", "\"abc\"", "not a whole number"},
            new String[] {"datasetDir", "\"/etc\"", "must lie inside"},
            new String[] {"datasetDir", "\"../../../..\"", "must lie inside"},
            new String[] {"accessFile", "\"/etc/passwd.accdb\"", "must lie inside"},
            new String[] {"degrade", "{\"a\":1}", "must be a string, a number or true/false"});

    static final Path FFDC = Server.SERVER_DIR.resolve("logs/ffdc");

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void theAdminApiAnswers400BeforeAnythingStarts() throws Exception {
        Set<String> incidents = incidents();
        long newest = newestExecution();
        for (String[] h : HOSTILE) {
            Server.Reply r = Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/retrain", "{\"" + h[0] + "\":" + h[1]
                    + "}");
            BadInputIT.assertProblem(r, 400, h[2]);
            assertTrue(r.json().getString("detail").contains(h[0]), "names the parameter: " + r.body());
        }
        assertEquals(newest, newestExecution(), "no job was started");
        assertNoDatasetUnder(Path.of("/etc"));
        assertEquals(incidents, incidents(), "no FFDC incident");
    }

    @Test
    void theBatchRestApiRunIsRefusedInItsCheckStepWithoutAnIncident() throws Exception {
        Set<String> incidents = incidents();
        for (String[] h : List.of(HOSTILE.get(1), HOSTILE.get(8), HOSTILE.get(11), HOSTILE.get(12), HOSTILE.get(14),
                HOSTILE.get(15))) {
            String body = "{\"applicationName\":\"routing-ml\",\"moduleName\":\"routing-ml.war\","
                    + "\"jobXMLName\":\"monthly-retrain\","
                    + "\"jobParameters\":{\"" + h[0] + "\":" + (h[1].startsWith("\"") ? h[1] : "\"" + h[1] + "\"")
                    + "}}";
            Server.Reply submitted = Server.https("POST", "/ibm/api/batch/jobinstances", Server.admin(), body);
            assertTrue(submitted.status() == 200 || submitted.status() == 201, submitted.status() + " "
                    + submitted.body());
            long instance = submitted.json().getJsonNumber("instanceId").longValue();
            JsonObject exec = Retraining.awaitEnd(Retraining.latestExecutionOf(instance));
            assertEquals("FAILED", exec.getString("status"), exec.toString());
            assertTrue(exec.getString("exitStatus").startsWith("REFUSED: job parameter " + h[0]
                    + " has an invalid value "), exec.toString());
            assertTrue(exec.getString("exitStatus").contains(h[2]), exec.toString());
            assertEquals(List.of("check"), exec.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                    .map(s -> s.getString("step")).toList(), "nothing after the check step ran");
            JsonObject run = exec.getJsonObject("run");
            assertEquals("check", run.getString("failedStep"));
            assertTrue(!run.containsKey("datasetDir") || run.isNull("datasetDir"), "no dataset directory was chosen: "
                    + run);
        }
        assertNoDatasetUnder(Path.of("/etc"));
        assertEquals(incidents, incidents(), "no FFDC incident");
    }

    @Test
    void aRestartWithABadParameterIsRefusedToo() throws Exception {
        // A run that fails in extract (fewer rows than minRows), so there is something to restart.
        JsonObject failed = Retraining.run("{\"minRows\":100000}");
        assertEquals("FAILED", failed.getString("status"), failed.toString());
        long instance = failed.getJsonNumber("instanceId").longValue();
        Set<String> incidents = incidents();

        Server.Reply restart = Server.https("PUT", "/ibm/api/batch/jobinstances/" + instance + "?action=restart",
                Server.admin(),
                "{\"jobParameters\":{\"chunkSize\":\"abc\",\"codec\":\"LZ4X\"}}");
        assertTrue(restart.status() == 200 || restart.status() == 201, restart.status() + " " + restart.body());
        long first = failed.getJsonNumber("executionId").longValue();
        long next = Await.until("the restart's execution", () -> Retraining.executions(20).stream()
                .filter(e -> e.getJsonNumber("instanceId").longValue() == instance)
                .mapToLong(e -> e.getJsonNumber("executionId").longValue()).filter(id -> id != first).max().orElse(-1),
                id -> id > 0);
        JsonObject refused = Retraining.awaitEnd(next);
        assertEquals("FAILED", refused.getString("status"), refused.toString());
        assertTrue(refused.getString("exitStatus")
                        .startsWith("REFUSED: restart refused: job parameter chunkSize has an invalid value 'abc'"),
                refused.toString());
        assertEquals("check", refused.getJsonObject("run").getString("failedStep"));
        assertEquals(incidents, incidents(), "no FFDC incident");
    }

    static Set<String> incidents() throws Exception {
        if (!Files.isDirectory(FFDC)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(FFDC)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("ffdc_"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static long newestExecution() {
        return Retraining.executions(20).stream().mapToLong(e -> e.getJsonNumber("executionId").longValue()).max()
                .orElse(0);
    }

    static void assertNoDatasetUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(),
                    files.filter(f -> f.getFileName().toString().startsWith("training_dataset_")).toList());
        }
    }
}
