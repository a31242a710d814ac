package com.routingml.retrain.dataset;

import com.routingml.access.Item;
import com.routingml.access.Operation;
import com.routingml.access.Routing;
import com.routingml.model.ModelStore;
import com.routingml.model.TrainingData;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a complete training dataset (manifest + Parquet parts) into the {@link TrainingData} the
 * trainer takes: the items that appear in it with their attributes, and their routings grouped
 * by (ITEM_CD, ROUT_NO) and ordered by PROC_SEQ - the same shapes the Access loader produces.
 */
public final class DatasetLoader {

    private DatasetLoader() {
    }

    /** What was read: the training data and the manifest it came with. */
    public record Loaded(TrainingData data, DatasetManifest manifest) {
    }

    /**
     * @throws IOException when the dataset is incomplete (no manifest) or its parts disagree with it
     */
    public static Loaded load(DatasetLayout layout) throws IOException {
        DatasetManifest manifest = layout.readManifest();
        List<DatasetColumn> cols = manifest.columns();
        int first = RoutingExtract.ROUTING_COLUMNS.size();
        Map<String, Item> items = new LinkedHashMap<>();
        // ITEM_CD -> ROUT_NO -> PROC_SEQ -> operation (sorted as the Access loader orders them)
        Map<String, TreeMap<String, TreeMap<Integer, Op>>> ops = new TreeMap<>();
        long[] rows = {0};
        for (DatasetManifest.Part p : manifest.parts()) {
            Path file = layout.dir().resolve(p.file());
            long before = rows[0];
            ParquetParts.read(file, rec -> {
                rows[0]++;
                String item = str(rec, "ITEM_CD");
                String rout = String.valueOf(str(rec, "ROUT_NO"));
                int seq = (Integer) rec.get("PROC_SEQ");
                items.computeIfAbsent(item, code -> item(code, rec, cols, first));
                Operation op = new Operation(seq, str(rec, "JOB_CD"), str(rec, "JOB_NM"), str(rec, "RES_CD"), str(rec, "RES_DIS"),
                        !"N".equalsIgnoreCase(str(rec, "INSIDE_FLAG")), str(rec, "TIME_UNIT"), dbl(rec, "SETUP_TIME"), dbl(rec, "RUN_TIME"));
                LocalDateTime at = RoutingExtract.fromMicros((Long) rec.get("INSRT_DT"));
                Op prev = ops.computeIfAbsent(item, k -> new TreeMap<>()).computeIfAbsent(rout, k -> new TreeMap<>()).put(seq, new Op(op, at));
                if (prev != null) {
                    throw new IllegalStateException("dataset " + layout.dir() + " holds the key (" + item + ", " + rout + ", " + seq + ") twice");
                }
            });
            if (rows[0] - before != p.rows()) {
                throw new IOException("dataset part " + file + " has " + (rows[0] - before) + " rows; the manifest says " + p.rows());
            }
        }
        if (rows[0] != manifest.rows()) {
            throw new IOException("dataset " + layout.dir() + " has " + rows[0] + " rows; the manifest says " + manifest.rows());
        }
        Map<String, List<Routing>> routings = new LinkedHashMap<>();
        ops.forEach((item, byRout) -> byRout.forEach((rout, bySeq) -> {
            LocalDateTime firstAt = bySeq.values().stream().map(Op::at).min(Comparator.naturalOrder()).orElse(null);
            routings.computeIfAbsent(item, k -> new ArrayList<>())
                    .add(new Routing(item, rout, firstAt, bySeq.values().stream().map(Op::op).toList()));
        }));
        List<String> columns = new ArrayList<>();
        columns.add("ITEM_CD");
        for (int i = first; i < cols.size(); i++) {
            columns.add(itemColumn(cols.get(i)));
        }
        String sha = ModelStore.sha256(layout.dir().resolve(DatasetLayout.MANIFEST));
        TrainingData data = new TrainingData(new ArrayList<>(items.values()), columns, routings, (int) rows[0],
                layout.dir().toString(), sha);
        return new Loaded(data, manifest);
    }

    private record Op(Operation op, LocalDateTime at) {
    }

    /** The item master column a dataset column came from (its source, after the view name). */
    static String itemColumn(DatasetColumn c) {
        String s = c.source();
        return s.substring(s.lastIndexOf('.') + 1);
    }

    private static Item item(String code, GenericRecord rec, List<DatasetColumn> cols, int first) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int i = first; i < cols.size(); i++) {
            DatasetColumn c = cols.get(i);
            Object v = rec.get(c.name());
            if (v != null) {
                attrs.put(itemColumn(c), c.type() == DatasetColumn.Type.DOUBLE ? (Object) ((Number) v).doubleValue() : v.toString());
            }
        }
        return new Item(code, attrs, null);
    }

    private static String str(GenericRecord rec, String field) {
        Object v = rec.get(field);
        return v == null ? null : v.toString();
    }

    private static double dbl(GenericRecord rec, String field) {
        Object v = rec.get(field);
        return v == null ? 0 : ((Number) v).doubleValue();
    }
}
