package com.routingml.model;

import com.routingml.access.Operation;

import java.util.List;

/**
 * The answer to "which routing for this item?": candidate routings, best first.
 *
 * @param modelVersion  the model version that answered
 * @param itemCode      the query item's code, or {@code null} for an item given by attributes
 * @param bestScore     similarity of the nearest item (0 when there is none); drift detection watches it
 * @param candidates    distinct routings (by JOB_CD sequence) of the nearest items, most supported first
 */
public record Recommendation(String modelVersion, String itemCode, double bestScore, List<Candidate> candidates) {

    public Recommendation {
        candidates = List.copyOf(candidates);
    }

    /**
     * One recommended routing.
     *
     * @param rank       1-based
     * @param score      similarity of the best reference item, ∈ [0, 1]; equals the sum of {@code why}'s contributions
     * @param confidence this routing's share of the neighbours' similarity-weighted vote (Σ s⁴), ∈ [0, 1];
     *                   candidates are ranked by it
     * @param support    how many of the nearest items considered have this JOB_CD sequence
     * @param jobCodes   the JOB_CD sequence
     * @param references the most similar items with this routing (best first, at most 3)
     * @param operations the best reference item's operations, ordered by PROC_SEQ
     * @param why        per-feature contributions to {@code score}, largest first
     */
    public record Candidate(int rank, double score, double confidence, int support, List<String> jobCodes,
                            List<Reference> references, List<Operation> operations, List<Contribution> why) {
        public Candidate {
            jobCodes = List.copyOf(jobCodes);
            references = List.copyOf(references);
            operations = List.copyOf(operations);
            why = List.copyOf(why);
        }
    }

    /** An existing item whose routing is recommended. */
    public record Reference(String itemCode, String routingNo, double similarity) {
    }

    /**
     * One feature's share of a similarity score.
     *
     * @param feature      item master column
     * @param queryValue   the query's value (lengths in mm)
     * @param itemValue    the reference item's value, or {@code null} when unknown
     * @param weight       the feature's weight as a share of all weights the query uses (sums to 1)
     * @param similarity   s_f ∈ [0, 1]: 1 equal, 0 different/unknown; lengths in between
     * @param contribution weight × similarity; the contributions sum to the score
     * @param matched      whether the values agree (categorical equal, or lengths within one bandwidth)
     */
    public record Contribution(String feature, String queryValue, String itemValue, double weight,
                               double similarity, double contribution, boolean matched) {
    }
}
