package com.routingml.prediction;

import com.routingml.access.Operation;
import com.routingml.model.Recommendation;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * A {@link Recommendation} as JSON, written with a JSON-P generator into a buffer.
 *
 * <p>Why not JSON-B like every other response: a top-10 answer is tens of kilobytes (operations
 * and a "why" per candidate) and it is the hot path; JSON-B's reflective serializer chain and
 * writing into the servlet stream in the generator's small flushes are a large share of the
 * server's CPU per prediction under load (docs/benchmarks.md, "HTTP"). The answer is built here, on a prediction
 * worker, and sent in one write with its length. The output is the same document JSON-B writes for
 * these records — same property names, properties in lexicographic order (JSON-B's default),
 * {@code null} properties left out — which {@code RecommendationJsonTest} checks against JSON-B
 * itself, so the two cannot drift apart when a record changes.
 */
final class RecommendationJson {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private RecommendationJson() {
    }

    /** {@code r} as UTF-8 JSON. */
    static byte[] toJson(Recommendation r) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = GENERATORS.createGenerator(buffer)) {
            g.writeStartObject();
            g.write("bestScore", r.bestScore());
            g.writeStartArray("candidates");
            for (Recommendation.Candidate c : r.candidates()) {
                candidate(g, c);
            }
            g.writeEnd();
            nullable(g, "itemCode", r.itemCode());
            nullable(g, "modelVersion", r.modelVersion());
            g.writeEnd();
        }
        return buffer.toByteArray();
    }

    private static void candidate(JsonGenerator g, Recommendation.Candidate c) {
        g.writeStartObject();
        g.write("confidence", c.confidence());
        g.writeStartArray("jobCodes");
        for (String j : c.jobCodes()) {
            g.write(j);
        }
        g.writeEnd();
        g.writeStartArray("operations");
        for (Operation op : c.operations()) {
            g.writeStartObject();
            g.write("inHouse", op.inHouse());
            nullable(g, "jobCode", op.jobCode());
            nullable(g, "jobName", op.jobName());
            g.write("procSeq", op.procSeq());
            nullable(g, "resourceCode", op.resourceCode());
            nullable(g, "resourceName", op.resourceName());
            g.write("runTime", op.runTime());
            g.write("setupTime", op.setupTime());
            nullable(g, "timeUnit", op.timeUnit());
            g.writeEnd();
        }
        g.writeEnd();
        g.write("rank", c.rank());
        g.writeStartArray("references");
        for (Recommendation.Reference ref : c.references()) {
            g.writeStartObject();
            nullable(g, "itemCode", ref.itemCode());
            nullable(g, "routingNo", ref.routingNo());
            g.write("similarity", ref.similarity());
            g.writeEnd();
        }
        g.writeEnd();
        g.write("score", c.score());
        g.write("support", c.support());
        g.writeStartArray("why");
        for (Recommendation.Contribution w : c.why()) {
            g.writeStartObject();
            g.write("contribution", w.contribution());
            nullable(g, "feature", w.feature());
            nullable(g, "itemValue", w.itemValue());
            g.write("matched", w.matched());
            nullable(g, "queryValue", w.queryValue());
            g.write("similarity", w.similarity());
            g.write("weight", w.weight());
            g.writeEnd();
        }
        g.writeEnd();
        g.writeEnd();
    }

    private static void nullable(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }
}
