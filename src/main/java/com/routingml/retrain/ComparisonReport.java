package com.routingml.retrain;

import com.routingml.model.EvaluationMetrics;

import java.time.Instant;
import java.util.List;

/**
 * The candidate-vs-active comparison (stored with the candidate as {@code comparison.json}): both
 * models scored on the same evaluation set, the candidate's coverage of the active model's
 * catalog, every check of the {@link Gate} and its verdict.
 *
 * @param candidateVersion the new version
 * @param activeVersion    the version active when compared, or {@code null} when none was
 * @param holdoutItems     evaluation items both models were scored on (newest and sampled)
 * @param holdoutFrom      first routing INSRT_DT of the oldest of the newest items
 * @param candidate        the candidate's metrics over the whole evaluation set
 * @param active           the active model's metrics over it ({@code null} without an active model)
 * @param evaluation       what the evaluation set is ({@code null} in reports written before it was drawn
 *                         from the whole catalog)
 * @param segments         metrics per part of the evaluation set (newest items, catalog sample)
 * @param coverage         the candidate's coverage of the active model ({@code null} without an active model)
 * @param checks           every check: accuracy per segment, coverage, the absolute floor
 * @param blessed          whether the candidate may be promoted
 * @param reason           why, in a sentence
 * @param comparedAt       when
 */
public record ComparisonReport(String candidateVersion, String activeVersion, int holdoutItems, String holdoutFrom,
                               EvaluationMetrics candidate, EvaluationMetrics active, EvaluationSet.Summary evaluation,
                               List<Segment> segments, Coverage coverage, List<Check> checks, boolean blessed,
                               String reason, Instant comparedAt) {

    /** Segment of the newest items. */
    public static final String NEWEST = "newest";
    /** Segment of the items sampled across all earlier periods. */
    public static final String SAMPLE = "catalogSample";
    /** Kind of check: a metric compared with the active model's. */
    public static final String ACCURACY = "accuracy";
    /** Kind of check: a share of the active model's items or routing families kept. */
    public static final String COVERAGE = "coverage";
    /** Kind of check: a metric against an absolute minimum. */
    public static final String FLOOR = "floor";

    /**
     * One part of the evaluation set, scored by both models.
     *
     * @param name      {@link #NEWEST} or {@link #SAMPLE}
     * @param items     items in it
     * @param candidate the candidate's metrics
     * @param active    the active model's ({@code null} without one)
     */
    public record Segment(String name, int items, EvaluationMetrics candidate, EvaluationMetrics active) {
    }

    /**
     * One check.
     *
     * @param kind           {@link #ACCURACY}, {@link #COVERAGE} or {@link #FLOOR}
     * @param metric         name (as in {@link EvaluationMetrics}; {@code itemCoverage}, {@code familyCoverage})
     * @param segment        the segment an accuracy check is on, else {@code null}
     * @param candidate      candidate value
     * @param active         the active model's value (1 for coverage: all of its own catalog);
     *                       {@code null} for a floor
     * @param higherIsBetter direction
     * @param tolerance      how much worse the candidate may be (absolute for rates and coverage, relative for
     *                       run-time MAE); for a floor, the minimum itself
     * @param relative       whether {@code tolerance} is relative to the active value
     * @param pass           whether the candidate passes
     */
    public record Check(String kind, String metric, String segment, double candidate, Double active,
                        boolean higherIsBetter, double tolerance, boolean relative, boolean pass) {
    }
}
