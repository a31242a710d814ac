package com.routingml.prediction;

import com.routingml.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionRequestTest {

    private static PredictionRequest parse(String body) {
        return PredictionRequest.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1024, 5, 50);
    }

    private static ProblemException problem(String body) {
        return assertThrows(ProblemException.class, () -> parse(body));
    }

    @Test
    void itemCodeWithDefaultTopK() {
        PredictionRequest r = parse("{\"itemCode\":\"  H16805-GS \"}");
        assertEquals("H16805-GS", r.itemCode());
        assertNull(r.attributes());
        assertEquals(5, r.topK());
    }

    @Test
    void attributesAreCanonicalColumnsAndNullsDropped() {
        PredictionRequest r = parse("{\"attributes\":{\"sealtypegrup\":\"TANDEM\",\"OUTDIAMETER\":85.5,"
                + "\"MID_SEALSIZE\":null},\"topK\":50}");
        assertEquals("TANDEM", r.attributes().get("SEALTYPEGRUP"));
        assertEquals(85.5, r.attributes().get("OUTDIAMETER"));
        assertTrue(!r.attributes().containsKey("MID_SEALSIZE"));
        assertEquals(50, r.topK());
        assertNull(r.item().itemCode());
    }

    @Test
    void everyMistakeNamesTheFieldAndValue() {
        assertTrue(problem("{\"itemCode\":\"A\",\"topK\":51}").getMessage().contains("was 51"));
        assertTrue(problem("{\"itemCode\":\"A\",\"topK\":\"x\"}").getMessage().contains("topK must be an integer"));
        assertTrue(problem("{\"attributes\":{\"COLOUR\":\"red\"}}").getMessage().contains("[COLOUR]"));
        assertTrue(problem("{\"itemCode\":\"A\",\"top_k\":3}").getMessage().contains("[top_k]"));
        assertTrue(problem("{\"itemCode\":\"bad\\u0000code\"}").getMessage().contains("printable"));
        assertEquals(400, problem("{").status());
        assertEquals(400, problem("").status());
    }

    @Test
    void oversizedBodyIs413() {
        ProblemException e = problem("{\"itemCode\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(413, e.status());
    }
}
