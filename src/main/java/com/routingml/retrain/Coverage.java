package com.routingml.retrain;

import com.routingml.access.Routing;
import com.routingml.model.RoutingModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the active model's catalog a candidate keeps: its items (by ITEM_CD) and its
 * routing families. A routing family is a JOB_CD sequence that at least {@link #MIN_FAMILY_ITEMS}
 * items of the model follow (in any of their routings); a sequence of a single item is that
 * item's own routing, which item coverage already counts. A candidate that lacks a family cannot
 * recommend its routing for any new item, however well it scores on the items it has.
 *
 * @param activeItems       items of the active model
 * @param keptItems         of which the candidate has
 * @param itemShare         {@code keptItems / activeItems} (1 for an empty active model)
 * @param activeFamilies    routing families of the active model
 * @param keptFamilies      of which the candidate still has (followed by at least one of its items)
 * @param familyShare       {@code keptFamilies / activeFamilies} (1 when the active model has none)
 * @param candidateItems    items of the candidate
 * @param candidateFamilies routing families of the candidate
 * @param missingFamilies   the largest missing families, at most {@link #EXAMPLES}, as
 *                          {@code "F61-1 → F20-1 → Q30-1 (42 items)"}
 */
public record Coverage(int activeItems, int keptItems, double itemShare, int activeFamilies, int keptFamilies,
                       double familyShare, int candidateItems, int candidateFamilies, List<String> missingFamilies) {

    /** Items a JOB_CD sequence needs to count as a family. */
    public static final int MIN_FAMILY_ITEMS = 2;
    /** Missing families named in the report. */
    public static final int EXAMPLES = 5;

    public Coverage {
        missingFamilies = List.copyOf(missingFamilies);
    }

    /** The candidate's coverage of the active model. */
    public static Coverage of(RoutingModel candidate, RoutingModel active) {
        return of(candidate.itemCodes(), candidate.routings(), active.itemCodes(), active.routings());
    }

    /**
     * @param candidateItems    the candidate's ITEM_CDs
     * @param candidateRoutings the candidate's routings, parallel to {@code candidateItems}
     * @param activeItems       the active model's ITEM_CDs
     * @param activeRoutings    the active model's routings, parallel to {@code activeItems}
     */
    public static Coverage of(List<String> candidateItems, List<List<Routing>> candidateRoutings,
                              List<String> activeItems, List<List<Routing>> activeRoutings) {
        Set<String> cand = new HashSet<>(candidateItems);
        int kept = 0;
        for (String code : activeItems) {
            if (cand.contains(code)) {
                kept++;
            }
        }
        Map<List<String>, Integer> activeFamilies = families(activeRoutings);
        Set<List<String>> candidateSequences = followedBy(candidateRoutings);
        int keptFamilies = 0;
        List<Map.Entry<List<String>, Integer>> missing = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> f : activeFamilies.entrySet()) {
            if (candidateSequences.contains(f.getKey())) {
                keptFamilies++;
            } else {
                missing.add(f);
            }
        }
        missing.sort(Map.Entry.<List<String>, Integer>comparingByValue().reversed()
                .thenComparing(e -> String.join(" ", e.getKey())));
        List<String> examples = missing.stream().limit(EXAMPLES)
                .map(e -> String.join(" → ", e.getKey()) + " (" + e.getValue() + " items)").toList();
        int na = activeItems.size();
        int nf = activeFamilies.size();
        return new Coverage(na, kept, na == 0 ? 1 : (double) kept / na, nf, keptFamilies,
                nf == 0 ? 1 : (double) keptFamilies / nf, candidateItems.size(), families(candidateRoutings).size(),
                        examples);
    }

    /** Routing families with their item counts. */
    static Map<List<String>, Integer> families(List<List<Routing>> routingsPerItem) {
        Map<List<String>, Integer> all = followed(routingsPerItem);
        all.values().removeIf(n -> n < MIN_FAMILY_ITEMS);
        return all;
    }

    /** Every JOB_CD sequence with the number of items that follow it (an item counts once per sequence). */
    private static Map<List<String>, Integer> followed(List<List<Routing>> routingsPerItem) {
        Map<List<String>, Integer> count = new HashMap<>();
        for (List<Routing> routings : routingsPerItem) {
            Set<List<String>> own = new LinkedHashSet<>();
            for (Routing r : routings) {
                own.add(r.jobCodes());
            }
            for (List<String> seq : own) {
                count.merge(seq, 1, Integer::sum);
            }
        }
        return count;
    }

    /** Every JOB_CD sequence at least one item follows. */
    static Set<List<String>> followedBy(List<List<Routing>> routingsPerItem) {
        return followed(routingsPerItem).keySet();
    }

    /** The families ordered by key, for a reproducible choice among them. */
    static List<List<String>> sortedFamilies(List<List<Routing>> routingsPerItem) {
        List<List<String>> keys = new ArrayList<>(families(routingsPerItem).keySet());
        keys.sort(Comparator.comparing(k -> String.join(" ", k)));
        return keys;
    }
}
