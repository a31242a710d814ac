package it.com.routingml;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Predictions on the real server, for items read from the real sample .accdb through UCanAccess. */
class PredictionIT {

    private static final Path ACCDB = Server.IT_DIR.resolve("data/sample/routing-sample.accdb");
    private static String routedItem;
    private static String unroutedItem;

    @BeforeAll
    static void ready() throws Exception {
        Server.awaitReady();
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + ACCDB.toAbsolutePath()
                + ";memory=false");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT TOP 1 ITEM_CD FROM dbo_BI_ROUTING_VIEW ORDER BY ITEM_CD")) {
                rs.next();
                routedItem = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT TOP 1 i.ITEM_CD FROM dbo_BI_ITEM_INFO_VIEW i WHERE NOT EXISTS "
                    + "(SELECT 1 FROM dbo_BI_ROUTING_VIEW r WHERE r.ITEM_CD = i.ITEM_CD) ORDER BY i.ITEM_CD")) {
                rs.next();
                unroutedItem = rs.getString(1);
            }
        }
    }

    @Test
    void byItemCodeRecommendsRoutingsOfOtherItems() {
        Server.Reply r = Server.post("/api/predictions", "{\"itemCode\":\"" + routedItem + "\",\"topK\":3}");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals(routedItem, o.getString("itemCode"));
        JsonArray cands = o.getJsonArray("candidates");
        assertFalse(cands.isEmpty());
        assertTrue(cands.size() <= 3);
        for (JsonValue v : cands) {
            for (JsonValue ref : v.asJsonObject().getJsonArray("references")) {
                assertNotEquals(routedItem, ref.asJsonObject().getString("itemCode"),
                        "an item is not its own neighbour");
            }
            checkCandidate(v.asJsonObject());
        }
        assertEquals(o.getJsonNumber("bestScore").doubleValue(),
                cands.stream().mapToDouble(c -> c.asJsonObject().getJsonNumber("score").doubleValue())
                        .max().orElseThrow(), 1e-9);
    }

    @Test
    void itemWithoutRoutingGetsRecommendations() {
        Server.Reply r = Server.post("/api/predictions", "{\"itemCode\":\"" + unroutedItem + "\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(5, r.json().getJsonArray("candidates").size(), "default topK is 5");
    }

    @Test
    void byAttributesOfANewItem() {
        String body = """
                {"attributes": {"ITEM_TYPE": "%s", "PART_TYPE": "%s", "OUTDIAMETER": 85.5, "SealTypeGrup": null,
                 "ITEM_ACCT": "반제품:M1"}, "topK": 4}"""
                .formatted(attribute(routedItem, "ITEM_TYPE"), attribute(routedItem, "PART_TYPE"));
        Server.Reply r = Server.post("/api/predictions", body);
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertFalse(o.containsKey("itemCode"));
        JsonArray cands = o.getJsonArray("candidates");
        assertTrue(cands.size() >= 1 && cands.size() <= 4);
        JsonObject best = cands.getJsonObject(0);
        checkCandidate(best);
        List<String> features = new ArrayList<>();
        best.getJsonArray("why").forEach(w -> features.add(w.asJsonObject().getString("feature")));
        // Only the given, non-null attributes are judged.
        assertEquals(List.of("ITEM_ACCT", "ITEM_TYPE", "OUTDIAMETER", "PART_TYPE"),
                features.stream().sorted().toList());
    }

    /**
     * Predictions run on a few shared workers while the request threads wait: many at once must each
     * get their own answer, the same one as when asked alone (a mix-up between waiting requests
     * would show as another body's answer).
     */
    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add("{\"attributes\": {\"ITEM_TYPE\": \"%s\", \"OUTDIAMETER\": %d}, \"topK\": %d}"
                    .formatted(attribute(routedItem, "ITEM_TYPE"), 20 + 37 * i, 1 + i % 5));
        }
        List<String> alone = new ArrayList<>();
        for (String b : bodies) {
            Server.Reply r = Server.post("/api/predictions", b);
            assertEquals(200, r.status(), r.body());
            alone.add(r.body());
        }
        assertEquals(bodies.size(), new java.util.HashSet<>(alone).size(), "each body has its own answer");
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Server.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                String b = bodies.get(i % bodies.size());
                replies.add(callers.submit(() -> Server.post("/api/predictions", b)));
            }
            for (int i = 0; i < replies.size(); i++) {
                Server.Reply r = replies.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.body());
                assertEquals(alone.get(i % bodies.size()), r.body(), "request " + i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * A large answer (topK 50, tens of KB) is sent with its length, not chunked. Larger than the
     * container's 32 KB response buffer, below which the container would set the length itself.
     */
    @Test
    void answersCarryTheirLength() throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(Server.BASE + "/api/predictions"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"itemCode\":\"" + routedItem + "\",\"topK\":50}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().length > 32 * 1024, "a large answer: " + r.body().length + " bytes");
        assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElse("none"));
        assertFalse(r.headers().firstValue("Transfer-Encoding").isPresent());
    }

    /** Candidate invariants: score in [0,1], why sums to it, weights sum to 1, PROC_SEQ ascending. */
    private static void checkCandidate(JsonObject c) {
        double score = c.getJsonNumber("score").doubleValue();
        assertTrue(score >= 0 && score <= 1, "score " + score);
        double sum = 0;
        double weights = 0;
        for (JsonValue w : c.getJsonArray("why")) {
            JsonObject t = w.asJsonObject();
            sum += t.getJsonNumber("contribution").doubleValue();
            weights += t.getJsonNumber("weight").doubleValue();
            assertEquals(t.getJsonNumber("weight").doubleValue() * t.getJsonNumber("similarity").doubleValue(),
                    t.getJsonNumber("contribution").doubleValue(), 1e-12);
        }
        assertEquals(score, sum, 1e-9, "contributions sum to the score");
        assertEquals(1.0, weights, 1e-9, "weights are shares");
        int prev = 0;
        JsonArray ops = c.getJsonArray("operations");
        assertFalse(ops.isEmpty());
        for (JsonValue op : ops) {
            int seq = op.asJsonObject().getInt("procSeq");
            assertTrue(seq > prev, "PROC_SEQ ascending");
            prev = seq;
            assertFalse(op.asJsonObject().getString("jobCode").isBlank());
        }
        assertEquals(ops.size(), c.getJsonArray("jobCodes").size());
        double conf = c.getJsonNumber("confidence").doubleValue();
        assertTrue(conf > 0 && conf <= 1, "confidence " + conf);
    }

    private static String attribute(String item, String column) {
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + ACCDB.toAbsolutePath()
                + ";memory=false");
             var ps = c.prepareStatement("SELECT " + column + " FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD = ?")) {
            ps.setString(1, item);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
