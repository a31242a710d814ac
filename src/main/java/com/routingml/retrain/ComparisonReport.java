package com.routingml.retrain;

import com.routingml.model.EvaluationMetrics;

import java.time.Instant;
import java.util.List;

/**
 * The candidate-vs-active comparison on one held-out set (stored with the candidate as
 * {@code comparison.json}).
 *
 * @param candidateVersion the new version
 * @param activeVersion    the version active when compared, or {@code null} when none was
 * @param holdoutItems     held-out items both models were scored on
 * @param holdoutFrom      first routing INSRT_DT of the oldest held-out item
 * @param candidate        the candidate's metrics
 * @param active           the active model's metrics ({@code null} without an active model)
 * @param checks           one per key metric
 * @param blessed          whether the candidate may be promoted
 * @param reason           why, in a sentence
 * @param comparedAt       when
 */
public record ComparisonReport(String candidateVersion, String activeVersion, int holdoutItems, String holdoutFrom,
                               EvaluationMetrics candidate, EvaluationMetrics active, List<Check> checks,
                               boolean blessed, String reason, Instant comparedAt) {

    /**
     * One key metric compared.
     *
     * @param metric         name (as in {@link EvaluationMetrics})
     * @param candidate      candidate value
     * @param active         active value
     * @param higherIsBetter direction
     * @param tolerance      how much worse the candidate may be (absolute for rates, relative for run-time MAE)
     * @param relative       whether {@code tolerance} is relative to the active value
     * @param pass           whether the candidate is within the tolerance
     */
    public record Check(String metric, double candidate, double active, boolean higherIsBetter, double tolerance,
                        boolean relative, boolean pass) {
    }
}
