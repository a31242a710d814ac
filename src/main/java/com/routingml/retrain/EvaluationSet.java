package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.model.EvaluationMetrics;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The items both models are scored on in the compare step, drawn from the whole catalog of the
 * run's training data: the newest items (as new items arrive) and a sample spread over all
 * earlier periods (the catalog the model must keep serving). Scoring only the newest items hides a
 * candidate that lost the older catalog: both models do well on what is recent.
 *
 * <p>The sample is systematic over the items ordered by first routing date: every
 * {@code older/sampled}-th item from a seeded start, so each period is represented in proportion to
 * its items, and the same data and seed always give the same set.
 *
 * @param newest  the newest routed items, oldest first
 * @param sampled the sample of all earlier items, oldest first
 * @param catalog routed items the set was drawn from
 */
public record EvaluationSet(List<Item> newest, List<Item> sampled, int catalog) {

    public EvaluationSet {
        newest = List.copyOf(newest);
        sampled = List.copyOf(sampled);
    }

    /**
     * Draws a set of at most {@code size} items: half (rounded up) the newest, the rest sampled
     * from all earlier items (fewer when there are fewer).
     *
     * @param routedOldestFirst the catalog's routed items, ordered by first routing date
     * @param size              items wanted, &ge; 1
     * @param seed              seed of the sample's start
     */
    public static EvaluationSet draw(List<Item> routedOldestFirst, int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("an evaluation set needs at least one item, was " + size);
        }
        int n = routedOldestFirst.size();
        int newestCount = Math.min(n, size - size / 2);
        List<Item> older = routedOldestFirst.subList(0, n - newestCount);
        int sampleCount = Math.min(older.size(), size / 2);
        List<Item> sample = new ArrayList<>(sampleCount);
        if (sampleCount > 0) {
            double stride = (double) older.size() / sampleCount;
            double start = new Random(seed).nextDouble() * stride;
            for (int i = 0; i < sampleCount; i++) {
                sample.add(older.get(Math.min(older.size() - 1, (int) (start + i * stride))));
            }
        }
        return new EvaluationSet(routedOldestFirst.subList(n - newestCount, n), sample, n);
    }

    /** What the set is, for the report. */
    public Summary summary(long seed) {
        return new Summary(catalog, newest.size(), first(newest), sampled.size(), first(sampled),
                sampled.isEmpty() ? null : String.valueOf(sampled.get(sampled.size() - 1).firstSeen()), seed);
    }

    private static String first(List<Item> items) {
        LocalDateTime t = items.isEmpty() ? null : items.get(0).firstSeen();
        return t == null ? null : t.toString();
    }

    /**
     * The evaluation set as the comparison report shows it.
     *
     * @param catalogItems routed items of the run's training data it was drawn from
     * @param newestItems  newest items scored
     * @param newestFrom   first routing date of the oldest of them
     * @param sampledItems items sampled from all earlier periods
     * @param sampledFrom  first routing date of the oldest sampled item
     * @param sampledTo    first routing date of the newest sampled item
     * @param seed         seed of the sample
     */
    public record Summary(int catalogItems, int newestItems, String newestFrom, int sampledItems, String sampledFrom,
                          String sampledTo, long seed) {
    }

    /**
     * Metrics over several disjoint item sets, from each set's metrics: every metric is a mean over
     * items, so the pooled value is the item-weighted mean.
     */
    public static EvaluationMetrics pooled(List<EvaluationMetrics> parts) {
        int n = 0;
        double top1 = 0;
        double top3 = 0;
        double edit = 0;
        double prec = 0;
        double rec = 0;
        double mae = 0;
        double best = 0;
        for (EvaluationMetrics m : parts) {
            n += m.items();
            top1 += m.items() * m.top1Accuracy();
            top3 += m.items() * m.top3HitRate();
            edit += m.items() * m.meanEditSimilarity();
            prec += m.items() * m.jobPrecision();
            rec += m.items() * m.jobRecall();
            mae += m.items() * m.runTimeMae();
            best += m.items() * m.meanBestScore();
        }
        return n == 0 ? new EvaluationMetrics(0, 0, 0, 0, 0, 0, 0, 0)
                : new EvaluationMetrics(n, top1 / n, top3 / n, edit / n, prec / n, rec / n, mae / n, best / n);
    }
}
