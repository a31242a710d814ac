package com.routingml.model;

/**
 * Accuracy of a model on a held-out set of items with known routings.
 *
 * @param items             how many held-out items were evaluated
 * @param top1Accuracy      share whose best candidate's JOB_CD sequence equals one of the item's routings
 * @param top3HitRate       share with such a match among the first three candidates
 * @param meanEditSimilarity mean of 1 − lev(pred, actual)/max(|pred|, |actual|) over JOB_CD sequences
 *                          (best candidate vs the closest actual routing)
 * @param jobPrecision      mean |pred ∩ actual| / |pred| over JOB_CD sets
 * @param jobRecall         mean |pred ∩ actual| / |actual| over JOB_CD sets
 * @param runTimeMae        mean |Σ RUN_TIME(pred) − Σ RUN_TIME(actual)| in the routing time unit (minutes)
 * @param meanBestScore     mean similarity of the nearest item (the drift baseline mean)
 */
public record EvaluationMetrics(int items, double top1Accuracy, double top3HitRate, double meanEditSimilarity,
                                double jobPrecision, double jobRecall, double runTimeMae, double meanBestScore) {
}
