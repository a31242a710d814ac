package com.routingml.model;

import java.time.Instant;
import java.util.Map;

/**
 * The metadata file ({@code model.json}) of one model version.
 *
 * @param formatVersion  the model directory format; loaders reject versions they do not know
 * @param version        the version id (also the directory name)
 * @param createdAt      when the version was written
 * @param params         training settings
 * @param provenance     data source and counts
 * @param metrics        time-based holdout evaluation
 * @param baselineScores best-candidate similarity of each held-out item: the drift baseline
 * @param nullRatios     share of NULLs per item master column in the training data
 * @param indexSha256    SHA-256 of {@code index.bin}, checked on load
 */
public record ModelMetadata(int formatVersion, String version, Instant createdAt, TrainingParams params,
                            Provenance provenance, EvaluationMetrics metrics, double[] baselineScores,
                            Map<String, Double> nullRatios, String indexSha256) {

    public ModelMetadata withIndexSha256(String sha) {
        return new ModelMetadata(formatVersion, version, createdAt, params, provenance, metrics, baselineScores, nullRatios, sha);
    }
}
