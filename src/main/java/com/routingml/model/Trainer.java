package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Routing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Trains a model version: fits the encoder and index on the routed items, measures accuracy on a
 * time-based holdout (the newest items, as a new item would arrive), stores the holdout's
 * best-candidate similarities as the drift baseline, then refits on all routed items for serving.
 *
 * <p>Nearest-neighbour retrieval has no randomness; the result is a pure function of the data and
 * the parameters, so two runs on the same file give the same index.
 */
public final class Trainer {

    /** Model directory format written by this code. */
    public static final int FORMAT_VERSION = 1;
    /** Fewer routed items than this cannot give a meaningful holdout. */
    public static final int MIN_ROUTED_ITEMS = 20;

    private static final Logger LOG = Logger.getLogger(Trainer.class.getName());

    private Trainer() {
    }

    /**
     * @throws IllegalArgumentException when there are fewer than {@link #MIN_ROUTED_ITEMS} routed items
     */
    public static RoutingModel train(TrainingData data, TrainingConfig params, String version, Clock clock) {
        long start = System.nanoTime();
        List<Item> routed = routedItems(data);
        if (routed.size() < MIN_ROUTED_ITEMS) {
            throw new IllegalArgumentException("training needs at least " + MIN_ROUTED_ITEMS + " items with a routing, "
                    + data.source() + " has " + routed.size());
        }
        int holdoutSize = (int) Math.min(params.maxHoldout(),
                Math.max(1, Math.round(routed.size() * params.holdoutFraction())));
        List<Item> train = routed.subList(0, routed.size() - holdoutSize);
        List<Item> holdout = routed.subList(routed.size() - holdoutSize, routed.size());

        FeatureSchema schema = params.schema();
        RoutingModel evaluated = fit(schema, train, data.routings(), params, placeholder(version));
        Evaluator.Result eval = Evaluator.evaluate(evaluated, holdout, data.routings());
        LOG.info(() -> "model " + version + ": holdout " + holdout.size() + " items, top-1 "
                + pct(eval.metrics().top1Accuracy()) + ", top-3 " + pct(eval.metrics().top3HitRate()));

        Instant now = clock.instant();
        Provenance prov = new Provenance(data.source(), data.sha256(), data.items().size(), routed.size(),
                data.routingRows(), train.size(), holdout.size(), String.valueOf(holdout.get(0).firstSeen()), now,
                (System.nanoTime() - start) / 1_000_000, libraries(),
                data.validOn() == null ? null : data.validOn().toString());
        ModelMetadata meta = new ModelMetadata(FORMAT_VERSION, version, now, params, prov, eval.metrics(),
                eval.bestScores(), nullRatios(data), null, 0, null);
        return fit(schema, routed, data.routings(), params, meta);
    }

    /** Fits encoder and index on {@code items} (each must have routings) into a model. */
    static RoutingModel fit(FeatureSchema schema, List<Item> items, Map<String, List<Routing>> routings,
                            TrainingConfig params, ModelMetadata meta) {
        FeatureEncoder enc = FeatureEncoder.fit(schema, items, params.sentinel());
        List<FeatureEncoder.Encoded> rows = new ArrayList<>(items.size());
        List<String> codes = new ArrayList<>(items.size());
        List<List<Routing>> rout = new ArrayList<>(items.size());
        for (Item it : items) {
            rows.add(enc.encode(it));
            codes.add(it.itemCode());
            rout.add(routings.get(it.itemCode()));
        }
        return new RoutingModel(meta, new SimilarityIndex(enc, rows, params.bandwidth()), codes, rout);
    }

    /** Items that have a routing, stamped with their first routing date, oldest first (ties by code). */
    public static List<Item> routedItems(TrainingData data) {
        List<Item> out = new ArrayList<>();
        for (Item it : data.items()) {
            List<Routing> rs = it.itemCode() == null ? null : data.routings().get(it.itemCode());
            if (rs == null || rs.isEmpty()) {
                continue;
            }
            LocalDateTime first = rs.stream().map(Routing::insertedAt).filter(java.util.Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(LocalDateTime.MIN);
            out.add(it.withFirstSeen(first));
        }
        out.sort(Comparator.comparing(Item::firstSeen).thenComparing(Item::itemCode));
        return out;
    }

    static Map<String, Double> nullRatios(TrainingData data) {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = data.items().size();
        for (String col : data.columns()) {
            if (col.equals("ITEM_CD")) {
                continue;
            }
            long nulls = data.items().stream().filter(it -> it.get(col) == null).count();
            out.put(col, n == 0 ? 0 : (double) nulls / n);
        }
        return out;
    }

    private static ModelMetadata placeholder(String version) {
        return new ModelMetadata(FORMAT_VERSION, version + "-holdout", null, null, null, null, new double[0],
                Map.of(), null, 0, null);
    }

    static Map<String, String> libraries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.version"));
        m.put("routing-ml", String.valueOf(Trainer.class.getPackage().getImplementationVersion()));
        Package ucan = tryPackage("net.ucanaccess.jdbc.UcanaccessDriver");
        m.put("ucanaccess", ucan == null ? "unknown" : String.valueOf(ucan.getImplementationVersion()));
        return m;
    }

    private static Package tryPackage(String className) {
        try {
            return Class.forName(className).getPackage();
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }
}
