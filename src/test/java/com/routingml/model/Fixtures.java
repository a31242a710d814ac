package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Operation;
import com.routingml.access.Routing;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small hand-made and seeded data for model tests (no Access file needed). */
public final class Fixtures {

    private Fixtures() {
    }

    public static Item item(String code, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return new Item(code, m, null);
    }

    public static Routing routing(String item, String routNo, LocalDateTime at, String... jobs) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < jobs.length; i++) {
            ops.add(new Operation(10 * (i + 1), jobs[i], "작업" + i, "WC-" + jobs[i], null, true, "M", 5, 10 + i));
        }
        return new Routing(item, routNo, at, ops);
    }

    /**
     * A seeded population of {@code n} items in {@code families} families; the routing is the
     * family's template, except for {@code noise} of the items that get one job substituted.
     */
    public static TrainingData families(int n, int families, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        Map<String, List<Routing>> routings = new HashMap<>();
        int rows = 0;
        LocalDateTime t0 = LocalDateTime.of(2018, 1, 1, 0, 0);
        for (int i = 0; i < n; i++) {
            int f = rnd.nextInt(families);
            String code = String.format("IT%06d", i);
            double od = 20 + 15 * f + rnd.nextDouble() * 5;
            items.add(item(code, "ITEM_TYPE", "T" + (f % 3), "PART_TYPE", "P" + f, "ITEM_MATERIAL", "M" + (f % 5),
                    "OUTDIAMETER", od, "INDIAMETER", od / 2,
                    "SEALTYPEGRUP", rnd.nextDouble() < 0.8 ? null : "S" + (f % 2)));
            List<String> jobs = new ArrayList<>(List.of("F" + f + "-1", "F40-1", "Q30-1"));
            if (rnd.nextDouble() < noise) {
                jobs.set(1, "X" + rnd.nextInt(3));
            }
            routings.put(code, List.of(routing(code, "R1", t0.plusDays(i), jobs.toArray(String[]::new))));
            rows += jobs.size();
        }
        return new TrainingData(items, List.of("ITEM_CD", "ITEM_TYPE", "PART_TYPE", "ITEM_MATERIAL", "OUTDIAMETER",
                "INDIAMETER", "SEALTYPEGRUP", "GROUP2"), routings, rows, "fixture", "0".repeat(64));
    }
}
