package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.access.Operation;
import com.routingml.access.Routing;
import com.routingml.model.TrainingData;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded item catalogs for retraining tests: families spread over years, no Access file needed. */
final class Catalogs {

    static final LocalDateTime START = LocalDateTime.of(2016, 1, 4, 8, 0);

    private Catalogs() {
    }

    /**
     * {@code n} items over ten years (item {@code i} first routed on day {@code i * 3650 / n}), each
     * in one of {@code families} families: its attributes come from the family and its routing is the
     * family's JOB_CD sequence, except for one item in ten that gets a variant. Families are drawn at
     * random per item, so every family has items in every period.
     */
    static TrainingData families(int n, int families, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        Map<String, List<Routing>> routings = new LinkedHashMap<>();
        int rows = 0;
        for (int i = 0; i < n; i++) {
            int f = rnd.nextInt(families);
            String code = String.format("CT%06d", i);
            double od = 20 + 12 * f + rnd.nextDouble() * 4;
            items.add(new Item(code, Map.of("ITEM_TYPE", "T" + (f % 4), "PART_TYPE", "P" + f, "ITEM_MATERIAL", "M"
                    + (f % 5),
                    "OUTDIAMETER", od, "INDIAMETER", od / 2), null));
            List<String> jobs = new ArrayList<>(List.of("F" + f + "-1", "F40-" + (f % 3), "Q30-1"));
            if (rnd.nextDouble() < 0.1) {
                jobs.set(1, "X" + rnd.nextInt(2));
            }
            LocalDateTime at = START.plusMinutes((long) i * 3650 * 24 * 60 / n);
            List<Operation> ops = new ArrayList<>();
            for (int k = 0; k < jobs.size(); k++) {
                ops.add(new Operation(10 * (k + 1), jobs.get(k), "op" + k, "WC-" + jobs.get(k), null, true, "M", 5, 10
                        + k));
            }
            routings.put(code, List.of(new Routing(code, "R1", at, ops)));
            rows += ops.size();
        }
        return new TrainingData(items, List.of("ITEM_CD", "ITEM_TYPE", "PART_TYPE", "ITEM_MATERIAL", "OUTDIAMETER",
                "INDIAMETER"),
                routings, rows, "catalog", "0".repeat(64));
    }

    /** The same catalog cut to the items first routed in its newest {@code share}: what the newest rows hold. */
    static TrainingData newestOnly(TrainingData data, double share) {
        LocalDateTime cut = START.plusMinutes((long) (3650L * 24 * 60 * (1 - share)));
        Map<String, List<Routing>> kept = new LinkedHashMap<>();
        data.routings().forEach((code, rs) -> {
            if (!rs.get(0).insertedAt().isBefore(cut)) {
                kept.put(code, rs);
            }
        });
        List<Item> items = data.items().stream().filter(i -> kept.containsKey(i.itemCode())).toList();
        int rows = kept.values().stream().flatMap(List::stream).mapToInt(r -> r.operations().size()).sum();
        return new TrainingData(items, data.columns(), kept, rows, data.source() + " (newest " + share + ")",
                data.sha256());
    }
}
