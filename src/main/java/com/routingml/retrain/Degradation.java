package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.access.Routing;
import com.routingml.model.TrainingData;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A verification drill: a deliberate, named corruption of the data one run trains on, so an
 * operator (or an integration test) can prove that the gate refuses a worse candidate. Set per
 * run with the job parameter {@code degrade}; there is no configuration key, so it can never be
 * switched on for the schedule by accident. The Parquet dataset on disk stays as extracted (the
 * compare step scores both models against it), and the candidate's provenance names the drill.
 */
public enum Degradation {

    /** Train on the dataset as extracted (the default). */
    NONE("none"),

    /**
     * Every routed item gets another item's routings (a seeded cyclic shift over a shuffled order,
     * so no item keeps its own): the candidate's neighbours point at the wrong routings.
     */
    SHUFFLE_ROUTINGS("shuffleRoutings"),

    /**
     * A third (rounded up) of the routing families ({@link Coverage}), chosen by the seed, vanish:
     * every routing of theirs is removed, and an item left without a routing goes too. The candidate
     * cannot recommend those routings at all, though it still scores well on the items it kept.
     */
    DROP_FAMILIES("dropFamilies");

    /** Seed of the shuffle: the same dataset always degrades the same way. */
    public static final long SEED = 20_251_101L;

    private final String parameter;

    Degradation(String parameter) {
        this.parameter = parameter;
    }

    /** The job parameter value ({@code none}, {@code shuffleRoutings}). */
    public String parameter() {
        return parameter;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
     */
    public static Degradation parse(String value) {
        return Arrays.stream(values()).filter(d -> d.parameter.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not one of "
                        + Arrays.stream(values()).map(Degradation::parameter).collect(Collectors.joining(", "))));
    }

    /** The data to train on: {@code data} itself for {@link #NONE}, else a degraded copy. */
    public TrainingData apply(TrainingData data) {
        return switch (this) {
            case NONE -> data;
            case SHUFFLE_ROUTINGS -> shuffleRoutings(data);
            case DROP_FAMILIES -> dropFamilies(data);
        };
    }

    private TrainingData shuffleRoutings(TrainingData data) {
        List<String> codes = new ArrayList<>(data.routings().keySet());
        codes.removeIf(c -> data.routings().get(c).isEmpty());
        codes.sort(Comparator.naturalOrder());
        Collections.shuffle(codes, new Random(SEED));
        Map<String, List<Routing>> shuffled = new LinkedHashMap<>(data.routings());
        for (int i = 0; i < codes.size() && codes.size() > 1; i++) {
            String item = codes.get(i);
            String donor = codes.get((i + 1) % codes.size());
            // keep the item's own first INSRT_DT so the timeline (and the holdout split) is unchanged
            LocalDateTime first = data.routings().get(item).stream().map(Routing::insertedAt).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            shuffled.put(item, data.routings().get(donor).stream()
                    .map(r -> new Routing(item, r.routingNo(), first, r.operations(), r.validUntil())).toList());
        }
        return new TrainingData(data.items(), data.columns(), shuffled, data.routingRows(),
                data.source() + " (drill degrade=" + parameter + ")", data.sha256(), data.validOn());
    }

    private TrainingData dropFamilies(TrainingData data) {
        List<List<String>> families = new ArrayList<>(
                Coverage.sortedFamilies(new ArrayList<>(data.routings().values())));
        Collections.shuffle(families, new Random(SEED));
        Set<List<String>> dropped = new HashSet<>(families.subList(0, (families.size() + 2) / 3));
        Map<String, List<Routing>> kept = new LinkedHashMap<>();
        int rows = 0;
        for (Map.Entry<String, List<Routing>> e : data.routings().entrySet()) {
            List<Routing> left = e.getValue().stream().filter(r -> !dropped.contains(r.jobCodes())).toList();
            if (!left.isEmpty()) {
                kept.put(e.getKey(), left);
                rows += left.stream().mapToInt(r -> r.operations().size()).sum();
            }
        }
        List<Item> items = data.items().stream()
                .filter(i -> kept.containsKey(i.itemCode()) || !data.routings().containsKey(i.itemCode())).toList();
        return new TrainingData(items, data.columns(), kept, rows,
                data.source() + " (drill degrade=" + parameter + ")", data.sha256(), data.validOn());
    }
}
