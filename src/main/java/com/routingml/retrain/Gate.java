package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.model.EvaluationMetrics;
import com.routingml.model.Evaluator;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingConfig;
import com.routingml.model.TrainingData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static com.routingml.retrain.ComparisonReport.ACCURACY;
import static com.routingml.retrain.ComparisonReport.COVERAGE;
import static com.routingml.retrain.ComparisonReport.FLOOR;

/**
 * The promotion gate ("blessing"). A candidate is blessed only if every check passes:
 * <ul>
 * <li><b>accuracy</b>, on each segment of the evaluation set (the newest items and the sample of
 * the whole catalog): rates (top-1 accuracy, top-3 hit rate, mean edit similarity, JOB_CD
 * precision and recall) may drop by at most {@code rateTolerance} (absolute, e.g. 0.01 = one
 * percentage point), run-time MAE may grow by at most {@code maeTolerance} relative to the active
 * model's (e.g. 0.05 = 5 %);</li>
 * <li><b>coverage</b>: the candidate keeps at least {@code 1 - coverageTolerance} of the active
 * model's items and of its routing families ({@link Coverage});</li>
 * <li><b>floor</b>: the candidate's top-3 hit rate over the whole evaluation set is at least
 * {@code minTop3HitRate}, with or without an active model.</li>
 * </ul>
 * Without an active model only the floor applies. A candidate with no evaluation items is never blessed.
 *
 * @param rateTolerance     absolute tolerance for rates, in [0, 1]
 * @param maeTolerance      relative tolerance for run-time MAE, in [0, 10]
 * @param coverageTolerance share of the active model's items or routing families the candidate may lack, in [0, 1]
 * @param minTop3HitRate    the candidate's minimum top-3 hit rate, in [0, 1]
 */
public record Gate(double rateTolerance, double maeTolerance, double coverageTolerance, double minTop3HitRate) {

    private static final double EPS = 1e-12;

    public Gate {
        unit("rate tolerance", rateTolerance);
        if (!(maeTolerance >= 0 && maeTolerance <= 10)) {
            throw new IllegalArgumentException("run-time MAE tolerance must be from 0 to 10, was " + maeTolerance);
        }
        unit("coverage tolerance", coverageTolerance);
        unit("minimum top-3 hit rate", minTop3HitRate);
    }

    private static void unit(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be from 0 to 1, was " + v);
        }
    }

    /**
     * Judges a candidate.
     *
     * @param segments   the evaluation set's segments, each scored by both models (active metrics
     *                   {@code null} without an active model); empty segments are left out
     * @param coverage   the candidate's coverage of the active model, {@code null} without one
     */
    public ComparisonReport judge(String candidateVersion, String activeVersion, EvaluationSet.Summary evaluation,
                                  List<ComparisonReport.Segment> segments, Coverage coverage, Instant now) {
        List<ComparisonReport.Segment> scored = segments.stream().filter(s -> s.items() > 0).toList();
        boolean hasActive = activeVersion != null;
        EvaluationMetrics cand = EvaluationSet.pooled(
                scored.stream().map(ComparisonReport.Segment::candidate).toList());
        EvaluationMetrics act = hasActive
                ? EvaluationSet.pooled(scored.stream().map(ComparisonReport.Segment::active).toList()) : null;
        int items = cand.items();
        String from = evaluation == null ? null : evaluation.newestFrom();
        if (items == 0) {
            return new ComparisonReport(candidateVersion, activeVersion, 0, from, cand, act, evaluation, scored,
                    coverage, List.of(), false, "refused: no evaluation items, nothing to compare on", now);
        }
        List<ComparisonReport.Check> checks = new ArrayList<>();
        if (hasActive) {
            if (coverage == null) {
                throw new IllegalArgumentException("a comparison with an active model needs its coverage");
            }
            checks.add(coverage("itemCoverage", coverage.itemShare()));
            checks.add(coverage("familyCoverage", coverage.familyShare()));
            for (ComparisonReport.Segment s : scored) {
                checks.addAll(accuracy(s));
            }
        }
        checks.add(new ComparisonReport.Check(FLOOR, "top3HitRate", null, cand.top3HitRate(), null, true,
                minTop3HitRate, false, cand.top3HitRate() >= minTop3HitRate - EPS));
        List<ComparisonReport.Check> failed = checks.stream().filter(c -> !c.pass()).toList();
        String reason;
        if (!failed.isEmpty()) {
            reason = "refused: " + failed.stream().map(c -> describe(c, coverage)).collect(Collectors.joining("; "));
        } else if (hasActive) {
            reason = String.format(Locale.ROOT, "blessed: keeps %s of the active model's items and %s of its routing "
                            + "families, no key metric worse beyond tolerance on %s, top-3 hit rate %s at or above"
                            + " the floor %s",
                    pct(coverage.itemShare()), pct(coverage.familyShare()),
                    scored.size() > 1 ? "the newest items or the catalog sample" : "the newest items",
                    pct(cand.top3HitRate()), pct(minTop3HitRate));
        } else {
            reason = "blessed: no active model to compare with; top-3 hit rate " + pct(cand.top3HitRate())
                    + " at or above the floor " + pct(minTop3HitRate);
        }
        return new ComparisonReport(candidateVersion, activeVersion, items, from, cand, act, evaluation, scored,
                coverage, checks, failed.isEmpty(), reason, now);
    }

    /**
     * Scores the candidate and the active model on one evaluation set drawn from {@code data} (as
     * many items as the candidate's own holdout: {@link EvaluationSet}), measures the candidate's
     * {@link Coverage} of the active model, and judges it.
     *
     * @param current the active model, or {@code null} when there is none
     */
    public ComparisonReport compare(RoutingModel candidate, RoutingModel current, TrainingData data, Instant now) {
        List<Item> routed = Trainer.routedItems(data);
        TrainingConfig p = candidate.metadata().params();
        int size = (int) Math.min(p.maxHoldout(), Math.max(1, Math.round(routed.size() * p.holdoutFraction())));
        EvaluationSet set = EvaluationSet.draw(routed, size, p.seed());
        List<ComparisonReport.Segment> segments = new ArrayList<>();
        segments.add(segment(ComparisonReport.NEWEST, set.newest(), candidate, current, data));
        segments.add(segment(ComparisonReport.SAMPLE, set.sampled(), candidate, current, data));
        Coverage coverage = current == null ? null : Coverage.of(candidate, current);
        return judge(candidate.version(), current == null ? null : current.version(), set.summary(p.seed()), segments,
                coverage, now);
    }

    private static ComparisonReport.Segment segment(String name, List<Item> items, RoutingModel candidate,
            RoutingModel current,
                                                    TrainingData data) {
        // both as they would recommend on the data's day: routings the active model holds that ended since don't count
        EvaluationMetrics cand = Evaluator.evaluate(candidate, items, data.routings(), data.validOn()).metrics();
        EvaluationMetrics act = current == null ? null
                : Evaluator.evaluate(current, items, data.routings(), data.validOn()).metrics();
        return new ComparisonReport.Segment(name, items.size(), cand, act);
    }

    private ComparisonReport.Check coverage(String metric, double share) {
        return new ComparisonReport.Check(COVERAGE, metric, null, share, 1.0, true, coverageTolerance, false,
                share >= 1 - coverageTolerance - EPS);
    }

    private List<ComparisonReport.Check> accuracy(ComparisonReport.Segment s) {
        EvaluationMetrics c = s.candidate();
        EvaluationMetrics a = s.active();
        List<ComparisonReport.Check> out = new ArrayList<>();
        out.add(rate(s.name(), "top1Accuracy", c.top1Accuracy(), a.top1Accuracy()));
        out.add(rate(s.name(), "top3HitRate", c.top3HitRate(), a.top3HitRate()));
        out.add(rate(s.name(), "meanEditSimilarity", c.meanEditSimilarity(), a.meanEditSimilarity()));
        out.add(rate(s.name(), "jobPrecision", c.jobPrecision(), a.jobPrecision()));
        out.add(rate(s.name(), "jobRecall", c.jobRecall(), a.jobRecall()));
        double allowed = a.runTimeMae() * (1 + maeTolerance);
        out.add(new ComparisonReport.Check(ACCURACY, "runTimeMae", s.name(), c.runTimeMae(), a.runTimeMae(), false,
                maeTolerance, true, c.runTimeMae() <= allowed + EPS));
        return out;
    }

    private ComparisonReport.Check rate(String segment, String name, double cand, double act) {
        return new ComparisonReport.Check(ACCURACY, name, segment, cand, act, true, rateTolerance, false,
                cand >= act - rateTolerance - EPS);
    }

    /**
     * E.g. "top1Accuracy on the catalog sample 0.4100 vs 0.8000 (0.3900 lower; tolerance 0.0100)",
     * "familyCoverage 0.6429: 27 of 42 routing families of the active model kept, at least 0.9500 needed
     * (missing e.g. …)", "top3HitRate 0.5000 below the floor 0.7000".
     */
    static String describe(ComparisonReport.Check c, Coverage coverage) {
        return switch (c.kind()) {
            case COVERAGE -> describeCoverage(c, coverage);
            case FLOOR -> String.format(Locale.ROOT, "%s %.4f below the floor %.4f", c.metric(), c.candidate(),
                    c.tolerance());
            default -> describeAccuracy(c);
        };
    }

    private static String describeCoverage(ComparisonReport.Check c, Coverage v) {
        String need = String.format(Locale.ROOT, "at least %.4f needed", 1 - c.tolerance());
        if (c.metric().equals("itemCoverage")) {
            return String.format(Locale.ROOT,
                    "itemCoverage %.4f: %d of %d items of the active model kept (%d missing), %s",
                    c.candidate(), v.keptItems(), v.activeItems(), v.activeItems() - v.keptItems(), need);
        }
        return String.format(Locale.ROOT, "familyCoverage %.4f: %d of %d routing families of the active model kept "
                        + "(%d missing), %s%s", c.candidate(), v.keptFamilies(), v.activeFamilies(),
                v.activeFamilies() - v.keptFamilies(), need,
                v.missingFamilies().isEmpty() ? "" : "; missing e.g. " + String.join(", ", v.missingFamilies()));
    }

    private static String describeAccuracy(ComparisonReport.Check c) {
        double worse = c.higherIsBetter() ? c.active() - c.candidate() : c.candidate() - c.active();
        String by = c.relative()
                ? String.format(Locale.ROOT, "%.1f%% %s", c.active() == 0 ? 100.0 : 100 * worse / Math.abs(c.active()),
                c.higherIsBetter() ? "lower" : "higher")
                : String.format(Locale.ROOT, "%.4f %s", worse, c.higherIsBetter() ? "lower" : "higher");
        String on = ComparisonReport.SAMPLE.equals(c.segment()) ? "the catalog sample" : "the newest items";
        return String.format(Locale.ROOT, "%s on %s %.4f vs %.4f (%s; tolerance %s%.4f)", c.metric(), on, c.candidate(),
                c.active(), by, c.relative() ? "relative " : "", c.tolerance());
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
