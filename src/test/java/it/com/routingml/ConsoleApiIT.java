package it.com.routingml;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only endpoints the browser console needs, and the CSRF rule for writes, over HTTP. */
class ConsoleApiIT {

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    private static String admin() {
        byte[] pair = ("admin:" + Server.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    @Test
    void theRootLeadsToTheConsoleWhoseFilesMayUseThisServerOnly() throws Exception {
        Server.Reply root = Server.get("/");
        assertEquals(200, root.status());
        assertTrue(root.body().contains("url=console/"), root.body());
        // HTTP/1.1 as a browser sends it: Java's client would try an h2c upgrade, which Liberty leaves
        // unanswered on a welcome-file URL.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(Server.BASE + "/console/"))
                .timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").contains("charset=UTF-8"),
                page.headers().toString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'")
                && csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(Server.get("/console/js/app.js").contentType().startsWith("text/javascript"),
                "ES modules need a JavaScript type");
    }

    @Test
    void theFeatureFormListsTheModelsFeaturesWithValuesOrUnits() {
        JsonObject f = Server.get("/api/models/active/features").json();
        assertEquals(Server.activeVersion(), f.getString("modelVersion"));
        JsonArray fields = f.getJsonArray("fields");
        assertEquals(22, fields.size());
        JsonObject part = field(fields, "PART_TYPE");
        assertEquals("CATEGORICAL", part.getString("kind"));
        assertFalse(part.getJsonArray("values").isEmpty());
        JsonObject od = field(fields, "OUTDIAMETER");
        assertEquals("OUTDIAMETER_UNIT", od.getString("unitColumn"));
        assertTrue(od.getJsonNumber("typicalMm").doubleValue() > 0);
    }

    private static JsonObject field(JsonArray fields, String column) {
        return fields.getValuesAs(JsonObject.class).stream().filter(x -> x.getString("column").equals(column))
                .findFirst().orElseThrow(() -> new AssertionError(column + " not in " + fields));
    }

    @Test
    void nullRatiosCoverTheItemMasterWithAThresholdEach() {
        JsonObject r = Server.get("/api/models/active/null-ratios").json();
        assertEquals(0.2, r.getJsonNumber("alertRise").doubleValue(), 1e-12);
        JsonArray cols = r.getJsonArray("columns");
        assertTrue(cols.size() >= 37, cols.toString());
        assertEquals("ITEM_NM", cols.getJsonObject(0).getString("column"), "item master order");
        for (JsonObject c : cols.getValuesAs(JsonObject.class)) {
            double ratio = c.getJsonNumber("ratio").doubleValue();
            assertTrue(ratio >= 0 && ratio <= 1, c.toString());
            assertEquals(ratio > c.getJsonNumber("threshold").doubleValue(), c.getBoolean("alert"), c.toString());
        }
    }

    @Test
    void twoRoutingsAreComparedAndBadItemsAreProblems() {
        String a = Items.codes("SELECT DISTINCT ITEM_CD FROM dbo_BI_ROUTING_VIEW ORDER BY ITEM_CD").get(0);
        String compare = "/api/models/active/routings/compare?";
        JsonArray same = Server.get(compare + "leftItem=" + a + "&rightItem=" + a).json().getJsonArray("rows");
        assertFalse(same.isEmpty());
        assertTrue(same.getValuesAs(JsonObject.class).stream().allMatch(x -> x.getString("change").equals("SAME")));
        BadInputIT.assertProblem(Server.get(compare + "rightItem=" + a), 400, "leftItem");
        BadInputIT.assertProblem(Server.get(compare + "leftItem=" + a + "&rightItem=NO-SUCH"), 404, "NO-SUCH");
        String noRouting = URLEncoder.encode("B#NONE", StandardCharsets.UTF_8);
        String unknownRouting = compare + "leftItem=" + a + "&rightItem=" + a + "&leftRouting=" + noRouting;
        BadInputIT.assertProblem(Server.get(unknownRouting), 404, "B#NONE");
        BadInputIT.assertProblem(Server.get(compare + "leftItem=" + "x".repeat(65) + "&rightItem=" + a), 400, "");
    }

    @Test
    void theKlHistoryAndTheWindowCapacityAreServed() {
        JsonObject h = Server.get("/api/drift/history").json();
        assertEquals(1000, h.getInt("window_capacity"));
        for (JsonObject p : h.getJsonArray("points").getValuesAs(JsonObject.class)) {
            assertTrue(p.getJsonNumber("kl_divergence").doubleValue() >= 0 && p.getInt("window_size") >= 0,
                    p.toString());
        }
    }

    @Test
    void theCallerIsAnonymousWithoutCredentialsAnAdminWithTheirsAndWrongOnesAreRefused() {
        JsonObject anonymous = Server.get("/api/caller").json();
        assertFalse(anonymous.getBoolean("authenticated"));
        assertFalse(anonymous.getBoolean("admin"));
        assertTrue(anonymous.getBoolean("adminEnabled"));
        Server.Reply a = Server.send(HttpRequest.newBuilder(URI.create(Server.BASE + "/api/caller"))
                .header("Authorization", admin()).GET());
        assertEquals("admin", a.json().getString("user"));
        assertTrue(a.json().getBoolean("admin"));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        BadInputIT.assertProblem(Server.send(HttpRequest.newBuilder(URI.create(Server.BASE + "/api/caller"))
                .header("Authorization", wrong).GET()), 401, "wrong user name or password");
    }

    @Test
    void aPostAFormCouldSendIsRefusedEvenWithAdminCredentialsAndChangesNothing() {
        int before = Server.get("/api/drift/history").json().getJsonArray("points").size();
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain",
                "multipart/form-data; boundary=x", null}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Server.BASE + "/api/drift/reset"))
                    .header("Authorization", admin()).POST(HttpRequest.BodyPublishers.ofString("a=b"));
            if (type != null) {
                b.header("Content-Type", type);
            }
            BadInputIT.assertProblem(Server.send(b), 415, "Content-Type: application/json");
        }
        assertEquals(before, Server.get("/api/drift/history").json().getJsonArray("points").size(),
                "no reset event was recorded");
        BadInputIT.assertProblem(Server.post("/api/models/nope/activate", null, null), 415,
                "cross-site request forgery");
    }
}
