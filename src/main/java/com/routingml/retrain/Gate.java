package com.routingml.retrain;

import com.routingml.model.EvaluationMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The promotion gate ("blessing"): a candidate is blessed only if no key metric is worse than the
 * active model's by more than its tolerance. Rates (top-1 accuracy, top-3 hit rate, mean edit
 * similarity, JOB_CD precision and recall) may drop by at most {@code rateTolerance} (absolute,
 * e.g. 0.01 = one percentage point); run-time MAE may grow by at most {@code maeTolerance}
 * relative to the active model's (e.g. 0.05 = 5 %). Without an active model the candidate is
 * blessed. A candidate with no held-out items is never blessed.
 *
 * @param rateTolerance absolute tolerance for rates, in [0, 1]
 * @param maeTolerance  relative tolerance for run-time MAE, &ge; 0
 */
public record Gate(double rateTolerance, double maeTolerance) {

    public Gate {
        if (!(rateTolerance >= 0 && rateTolerance <= 1)) {
            throw new IllegalArgumentException("rate tolerance must be in [0, 1], was " + rateTolerance);
        }
        if (!(maeTolerance >= 0) || Double.isInfinite(maeTolerance)) {
            throw new IllegalArgumentException("run-time MAE tolerance must be >= 0 and finite, was " + maeTolerance);
        }
    }

    public ComparisonReport judge(String candidateVersion, String activeVersion, int holdoutItems, String holdoutFrom,
                                  EvaluationMetrics cand, EvaluationMetrics act, Instant now) {
        if (holdoutItems == 0) {
            return new ComparisonReport(candidateVersion, activeVersion, 0, holdoutFrom, cand, act, List.of(), false,
                    "no held-out items: nothing to compare on", now);
        }
        if (act == null) {
            return new ComparisonReport(candidateVersion, null, holdoutItems, holdoutFrom, cand, null, List.of(), true,
                    "no active model to compare with: the candidate is blessed", now);
        }
        List<ComparisonReport.Check> checks = new ArrayList<>();
        checks.add(rate("top1Accuracy", cand.top1Accuracy(), act.top1Accuracy()));
        checks.add(rate("top3HitRate", cand.top3HitRate(), act.top3HitRate()));
        checks.add(rate("meanEditSimilarity", cand.meanEditSimilarity(), act.meanEditSimilarity()));
        checks.add(rate("jobPrecision", cand.jobPrecision(), act.jobPrecision()));
        checks.add(rate("jobRecall", cand.jobRecall(), act.jobRecall()));
        double allowed = act.runTimeMae() * (1 + maeTolerance);
        checks.add(new ComparisonReport.Check("runTimeMae", cand.runTimeMae(), act.runTimeMae(), false, maeTolerance, true,
                cand.runTimeMae() <= allowed + 1e-12));
        List<ComparisonReport.Check> failed = checks.stream().filter(c -> !c.pass()).toList();
        String reason = failed.isEmpty()
                ? "no key metric is worse than the active model's beyond tolerance (top-1 " + pct(cand.top1Accuracy()) + " vs "
                + pct(act.top1Accuracy()) + ")"
                : "worse than the active model beyond tolerance: " + failed.stream().map(Gate::describe).collect(Collectors.joining("; "));
        return new ComparisonReport(candidateVersion, activeVersion, holdoutItems, holdoutFrom, cand, act, checks, failed.isEmpty(), reason, now);
    }

    private ComparisonReport.Check rate(String name, double cand, double act) {
        return new ComparisonReport.Check(name, cand, act, true, rateTolerance, false, cand >= act - rateTolerance - 1e-12);
    }

    /** E.g. "top1Accuracy 0.4100 vs 0.8000 (0.3900 lower; tolerance 0.0100)". */
    private static String describe(ComparisonReport.Check c) {
        double worse = c.higherIsBetter() ? c.active() - c.candidate() : c.candidate() - c.active();
        String by = c.relative()
                ? String.format(Locale.ROOT, "%.1f%% %s", c.active() == 0 ? 100.0 : 100 * worse / Math.abs(c.active()),
                c.higherIsBetter() ? "lower" : "higher")
                : String.format(Locale.ROOT, "%.4f %s", worse, c.higherIsBetter() ? "lower" : "higher");
        return String.format(Locale.ROOT, "%s %.4f vs %.4f (%s; tolerance %s%.4f)", c.metric(), c.candidate(), c.active(), by,
                c.relative() ? "relative " : "", c.tolerance());
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
