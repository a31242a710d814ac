package com.routingml.model;

import com.routingml.drift.Baseline;

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
 * @param driftBins      quantile bins the drift calibration was computed for
 * @param driftCalibration bootstrap-calibrated drift threshold computed at training time, or {@code null}
 */
public record ModelMetadata(int formatVersion, String version, Instant createdAt, TrainingConfig params,
                            Provenance provenance, EvaluationMetrics metrics, double[] baselineScores,
                            Map<String, Double> nullRatios, String indexSha256, int driftBins,
                            Baseline.Calibration driftCalibration) {

    public ModelMetadata withIndexSha256(String sha) {
        return new ModelMetadata(formatVersion, version, createdAt, params, provenance, metrics, baselineScores,
                nullRatios, sha, driftBins, driftCalibration);
    }

    public ModelMetadata withDriftCalibration(int bins, Baseline.Calibration calibration) {
        return new ModelMetadata(formatVersion, version, createdAt, params, provenance, metrics, baselineScores,
                nullRatios, indexSha256, bins, calibration);
    }
}
