package com.routingml.bench;

import com.routingml.access.Item;
import com.routingml.access.ItemColumns;
import com.routingml.model.ModelMetadata;
import com.routingml.model.RoutingModel;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prepares the benchmark data once (run before JMH; the benchmarks' setups would do it too):
 * generates the database if absent, trains/saves/activates the model if the bench store is empty,
 * prints the model's metrics, and writes the request bodies of the HTTP benchmark — one JSON
 * object per line — for the same seeded new items the in-process benchmarks query:
 * {@code <bench.dir>/bodies-attributes.jsonl} ({@code {"attributes": {...}, "topK": 10}}) and
 * {@code <bench.dir>/bodies-itemcode.jsonl} ({@code {"itemCode": "...", "topK": 10}}).
 *
 * <p>Run: {@code java -cp target/bench/benchmarks.jar com.routingml.bench.BenchPrepare}
 */
public final class BenchPrepare {

    private BenchPrepare() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        RoutingModel model = BenchData.model();
        long t1 = System.nanoTime();
        List<Item> all = BenchData.items();
        List<Item> queries = BenchData.queries(model, all);
        long t2 = System.nanoTime();
        ModelMetadata m = model.metadata();
        System.out.printf("model %s: %d indexed items (model ready in %d ms; items read in %d ms)%n",
                m.version(), model.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        System.out.println("provenance: " + m.provenance());
        System.out.println("metrics: " + m.metrics());
        List<String> attrBodies = new ArrayList<>();
        List<String> codeBodies = new ArrayList<>();
        for (Item q : queries) {
            JsonObjectBuilder a = Json.createObjectBuilder();
            for (Map.Entry<String, Object> e : q.attributes().entrySet()) {
                // Only item master attribute columns: the API rejects ITEM_CD (goes in itemCode) and
                // columns that are not attributes (e.g. INSRT_DT).
                if (e.getKey().equals("ITEM_CD") || ItemColumns.canonical(e.getKey()).isEmpty()) {
                    continue;
                }
                if (e.getValue() instanceof Number n) {
                    a.add(e.getKey(), n.doubleValue());
                } else {
                    a.add(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            attrBodies.add(Json.createObjectBuilder().add("attributes", a).add("topK", 10).build().toString());
            codeBodies.add(Json.createObjectBuilder().add("itemCode", q.itemCode()).add("topK", 10).build().toString());
        }
        Path dir = BenchData.dir();
        Files.write(dir.resolve("bodies-attributes.jsonl"), attrBodies, StandardCharsets.UTF_8);
        Files.write(dir.resolve("bodies-itemcode.jsonl"), codeBodies, StandardCharsets.UTF_8);
        System.out.println("wrote " + attrBodies.size() + " request bodies each to " + dir.resolve("bodies-*.jsonl"));
    }
}
