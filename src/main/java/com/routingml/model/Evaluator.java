package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Routing;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a model on held-out items: for each, the model recommends routings as it would for a
 * new item, and the recommendation is compared with the item's actual routings. Pure function of
 * its inputs, so the retraining job can score a candidate and the active model on the same set.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Metrics plus the best-candidate similarity of every held-out item (the drift baseline). */
    public record Result(EvaluationMetrics metrics, double[] bestScores) {
    }

    /**
     * Evaluates with every routing of the model (as on the day it was trained).
     *
     * @param holdout items to evaluate; each must have an entry in {@code actual}
     * @param actual  the items' real routings by ITEM_CD
     */
    public static Result evaluate(RoutingModel model, List<Item> holdout, Map<String, List<Routing>> actual) {
        return evaluate(model, holdout, actual, null);
    }

    /**
     * Evaluates with the model's routings still in force on {@code day} ({@link RoutingModel#recommend(Item, int,
     * LocalDate)}), as it would recommend that day: an older model is not credited, nor blamed, for routings
     * that have ended since it was trained.
     *
     * @param holdout items to evaluate; each must have an entry in {@code actual}
     * @param actual  the items' real routings by ITEM_CD
     * @param day     the day of the data in {@code actual}; null: every routing of the model
     */
    public static Result evaluate(RoutingModel model, List<Item> holdout, Map<String, List<Routing>> actual,
                                  LocalDate day) {
        int n = holdout.size();
        double top1 = 0;
        double top3 = 0;
        double edit = 0;
        double prec = 0;
        double rec = 0;
        double mae = 0;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            Item item = holdout.get(i);
            List<Routing> truth = actual.get(item.itemCode());
            if (truth == null || truth.isEmpty()) {
                throw new IllegalArgumentException("held-out item " + item.itemCode() + " has no actual routing");
            }
            Recommendation r = model.recommend(item, 3, day);
            scores[i] = r.bestScore();
            if (r.candidates().isEmpty()) {
                continue; // counts as a miss everywhere
            }
            List<String> best = r.candidates().get(0).jobCodes();
            if (matchesAny(best, truth)) {
                top1++;
            }
            if (r.candidates().stream().anyMatch(c -> matchesAny(c.jobCodes(), truth))) {
                top3++;
            }
            Routing closest = truth.get(0);
            double bestSim = -1;
            for (Routing t : truth) {
                double s = editSimilarity(best, t.jobCodes());
                if (s > bestSim) {
                    bestSim = s;
                    closest = t;
                }
            }
            edit += bestSim;
            Set<String> p = new HashSet<>(best);
            Set<String> a = new HashSet<>(closest.jobCodes());
            Set<String> both = new HashSet<>(p);
            both.retainAll(a);
            prec += (double) both.size() / p.size();
            rec += (double) both.size() / a.size();
            double predRun = r.candidates().get(0).operations().stream().mapToDouble(o -> o.runTime()).sum();
            mae += Math.abs(predRun - closest.totalRunTime());
        }
        double meanScore = 0;
        for (double s : scores) {
            meanScore += s;
        }
        return new Result(n == 0 ? new EvaluationMetrics(0, 0, 0, 0, 0, 0, 0, 0)
                : new EvaluationMetrics(n, top1 / n, top3 / n, edit / n, prec / n, rec / n, mae / n,
                        meanScore / n), scores);
    }

    private static boolean matchesAny(List<String> jobs, List<Routing> truth) {
        for (Routing t : truth) {
            if (t.jobCodes().equals(jobs)) {
                return true;
            }
        }
        return false;
    }

    /** Normalised edit similarity 1 − lev(a, b) / max(|a|, |b|) over sequences; 1 for two empty ones. */
    public static double editSimilarity(List<String> a, List<String> b) {
        int max = Math.max(a.size(), b.size());
        return max == 0 ? 1 : 1 - (double) levenshtein(a, b) / max;
    }

    /** Levenshtein distance over sequence elements (unit cost insert, delete, substitute). */
    public static int levenshtein(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
