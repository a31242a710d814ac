package com.routingml.retrain.dataset;

import com.routingml.access.AccessRepository;
import com.routingml.access.Item;
import com.routingml.access.ItemAttributes;
import com.routingml.access.Operation;
import com.routingml.access.Routing;
import com.routingml.access.RoutingValidity;
import com.routingml.access.Texts;
import com.routingml.model.ModelStore;
import com.routingml.model.TrainingData;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a complete training dataset (manifest + Parquet parts) into the {@link TrainingData} the
 * trainer takes: the items that appear in it with their attributes, and their routings grouped
 * by (ITEM_CD, ROUT_NO) and ordered by PROC_SEQ, each with the earliest VALID_TO_DT of its rows as
 * its last day in force - the same shapes the Access loader produces.
 */
public final class DatasetLoader {

    private static final String ITEM_SOURCE = AccessRepository.ITEM_VIEW + ".";
    private static final long NO_TIME = Long.MIN_VALUE;

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
        List<DatasetColumn> itemCols = manifest.columns().stream()
                .filter(c -> c.source().startsWith(ITEM_SOURCE)).toList();
        List<String> itemNames = itemCols.stream().map(DatasetLoader::itemColumn).toList();
        ItemAttributes.Columns attributeColumns = new ItemAttributes.Columns(itemNames);
        boolean validity = manifest.columns().stream().anyMatch(c -> c.name().equals("VALID_TO_DT"));
        Texts texts = new Texts();
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
                String rout = texts.of(String.valueOf(str(rec, "ROUT_NO")));
                int seq = (Integer) rec.get("PROC_SEQ");
                items.computeIfAbsent(item, code -> item(code, rec, itemCols, attributeColumns, texts));
                Operation op = new Operation(seq, texts.of(str(rec, "JOB_CD")), texts.of(str(rec, "JOB_NM")),
                        texts.of(str(rec, "RES_CD")), texts.of(str(rec, "RES_DIS")),
                        !"N".equalsIgnoreCase(str(rec, "INSIDE_FLAG")),
                        texts.of(str(rec, "TIME_UNIT")), dbl(rec, "SETUP_TIME"), dbl(rec, "RUN_TIME"));
                Op prev = ops.computeIfAbsent(item, k -> new TreeMap<>()).computeIfAbsent(rout, k -> new TreeMap<>())
                        .put(seq, new Op(op, micros(rec, "INSRT_DT"), validity ? micros(rec, "VALID_TO_DT") : NO_TIME));
                if (prev != null) {
                    throw new IllegalStateException("dataset " + layout.dir() + " holds the key (" + item + ", " + rout
                            + ", " + seq + ") twice");
                }
            });
            if (rows[0] - before != p.rows()) {
                throw new IOException("dataset part " + file + " has " + (rows[0] - before)
                        + " rows; the manifest says " + p.rows());
            }
        }
        if (rows[0] != manifest.rows()) {
            throw new IOException("dataset " + layout.dir() + " has " + rows[0] + " rows; the manifest says "
                    + manifest.rows());
        }
        Map<String, List<Routing>> routings = new LinkedHashMap<>();
        ops.forEach((item, byRout) -> {
            List<Routing> rs = new ArrayList<>(byRout.size());
            byRout.forEach((rout, bySeq) -> rs.add(routing(item, rout, bySeq)));
            routings.put(item, rs);
        });
        List<String> columns = new ArrayList<>();
        columns.add("ITEM_CD");
        columns.addAll(itemNames);
        String sha = ModelStore.sha256(layout.dir().resolve(DatasetLayout.MANIFEST));
        TrainingData data = new TrainingData(new ArrayList<>(items.values()), columns, routings, (int) rows[0],
                layout.dir().toString(), sha, manifest.validOn() == null ? null : LocalDate.parse(manifest.validOn()));
        return new Loaded(data, manifest);
    }

    /** One operation as read: INSRT_DT and VALID_TO_DT in Parquet micros ({@link #NO_TIME}: NULL). */
    private record Op(Operation op, long at, long validTo) {
    }

    private static Routing routing(String item, String rout, TreeMap<Integer, Op> bySeq) {
        long first = NO_TIME;
        long until = NO_TIME;
        List<Operation> operations = new ArrayList<>(bySeq.size());
        for (Op o : bySeq.values()) {
            operations.add(o.op());
            if (o.at() != NO_TIME && (first == NO_TIME || o.at() < first)) {
                first = o.at();
            }
            if (o.validTo() != NO_TIME && (until == NO_TIME || o.validTo() < until)) {
                until = o.validTo();
            }
        }
        return new Routing(item, rout, first == NO_TIME ? null : RoutingExtract.fromMicros(first), operations,
                until == NO_TIME ? null : RoutingValidity.lastDay(RoutingExtract.fromMicros(until)));
    }

    /** The item master column a dataset column came from (its source, after the view name). */
    static String itemColumn(DatasetColumn c) {
        String s = c.source();
        return s.substring(s.lastIndexOf('.') + 1);
    }

    private static Item item(String code, GenericRecord rec, List<DatasetColumn> cols, ItemAttributes.Columns columns,
                             Texts texts) {
        ItemAttributes.Builder attrs = columns.builder();
        for (int i = 0; i < cols.size(); i++) {
            DatasetColumn c = cols.get(i);
            Object v = rec.get(c.name());
            if (v != null) {
                attrs.set(i, c.type() == DatasetColumn.Type.DOUBLE ? (Object) ((Number) v).doubleValue()
                        : texts.of(v.toString()));
            }
        }
        return new Item(code, attrs.build(), null);
    }

    private static String str(GenericRecord rec, String field) {
        Object v = rec.get(field);
        return v == null ? null : v.toString();
    }

    private static double dbl(GenericRecord rec, String field) {
        Object v = rec.get(field);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    private static long micros(GenericRecord rec, String field) {
        Object v = rec.get(field);
        return v == null ? NO_TIME : (Long) v;
    }
}
