package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed, missing, out-of-range or hostile input gets a 4xx problem JSON, never a 500 or a trace. */
class BadInputIT {

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"itemCode":                                      | 400 | malformed JSON
            not json at all                                   | 400 | malformed JSON
            []                                                | 400 | must be a JSON object
            "just a string"                                   | 400 | must be a JSON object
            {}                                                | 400 | give either itemCode
            {"itemCode":"A","attributes":{"PART_TYPE":"X"}}   | 400 | not both
            {"itemCode":42}                                   | 400 | itemCode must be a string
            {"itemCode":""}                                   | 400 | itemCode must be
            {"itemCode":"A","topK":0}                         | 400 | topK must be between 1 and 50
            {"itemCode":"A","topK":51}                        | 400 | topK must be between 1 and 50
            {"itemCode":"A","topK":99999999999999999999}      | 400 | topK must be between 1 and 50
            {"itemCode":"A","topK":"abc"}                     | 400 | topK must be an integer
            {"itemCode":"A","topK":1.5}                       | 400 | topK must be an integer
            {"itemCode":"A","extra":1}                        | 400 | unknown field
            {"attributes":{"NOT_A_COLUMN":"x"}}               | 400 | unknown attribute
            {"attributes":{"ITEM_CD":"x"}}                    | 400 | unknown attribute
            {"attributes":{"PART_TYPE":{"a":1}}}              | 400 | must be a string, a number or null
            {"attributes":{"PART_TYPE":[1,2]}}                | 400 | must be a string, a number or null
            {"attributes":{"PART_TYPE":true}}                 | 400 | must be a string, a number or null
            {"attributes":{}}                                 | 400 | has no values
            {"attributes":"PART_TYPE"}                        | 400 | attributes must be an object
            {"itemCode":"NO-SUCH-ITEM-'; DROP TABLE x;--"}    | 404 | is not in dbo_BI_ITEM_INFO_VIEW
            {"attributes":{"ITEM_NM":"only an identifier"}}   | 422 | none of the similarity features
            """)
    void badBodies(String body, int status, String detailPart) {
        assertProblem(Server.post("/api/predictions", body), status, detailPart);
    }

    @Test
    void emptyBody() {
        assertProblem(Server.post("/api/predictions", ""), 400, "body is empty");
        assertProblem(Server.post("/api/predictions", null), 400, "body is empty");
    }

    @Test
    void hugeBodyIsRefusedWithoutReadingItAll() {
        String huge = "{\"attributes\":{\"ITEM_SPEC\":\"" + "x".repeat(2_000_000) + "\"}}";
        assertProblem(Server.post("/api/predictions", huge), 413, "exceeds");
    }

    @Test
    void deeplyNestedBody() {
        String nested = "{\"attributes\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Server.Reply r = Server.post("/api/predictions", nested);
        assertTrue(r.status() == 400 || r.status() == 413, r.status() + " " + r.body());
        assertProblem(r, r.status(), "");
    }

    @Test
    void wrongMediaTypeMethodAndPath() {
        assertProblem(Server.post("/api/predictions", "{\"itemCode\":\"A\"}", "text/plain"), 415, "");
        Server.Reply get = Server.get("/api/predictions");
        assertProblem(get, 405, "");
        assertProblem(Server.get("/api/no-such-endpoint"), 404, "");
        assertProblem(Server.send(HttpRequest.newBuilder(URI.create(Server.BASE + "/api/models/active"))
                .DELETE()), 405, "");
    }

    static void assertProblem(Server.Reply r, int status, String detailPart) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), "content type " + r.contentType());
        JsonObject p = r.json();
        assertEquals(status, p.getInt("status"));
        assertFalse(p.getString("title").isBlank());
        assertTrue(p.containsKey("type"));
        assertTrue(p.getString("detail", "").contains(detailPart), "detail: " + p.getString("detail", ""));
        assertFalse(r.body().contains("at com.") || r.body().contains("Exception:") || r.body().contains("\tat "),
                "no stack trace: " + r.body());
    }
}
