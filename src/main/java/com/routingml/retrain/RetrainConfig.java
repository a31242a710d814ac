package com.routingml.retrain;

import com.routingml.retrain.dataset.ExtractScope;

/**
 * The settings of one retraining run, fixed when its job instance first starts (job parameters
 * over MicroProfile Config defaults) and reused by every restart, so a restart continues the run
 * it restarts.
 *
 * @param accessFile    the Access file read
 * @param datasetRoot   directory of the {@code training_dataset_YYYYMM/} directories
 * @param maxRows       newest routing rows extracted at most (with {@code extract} {@link ExtractScope#NEWEST})
 * @param minRows       fewer extracted rows fail the run
 * @param rateTolerance gate: absolute drop allowed for rate metrics
 * @param maeTolerance  gate: relative growth allowed for run-time MAE
 * @param coverageTolerance gate: share of the active model's items or routing families the candidate may lack
 *                      (0 in run states written before the coverage check)
 * @param minTop3HitRate gate: the candidate's minimum top-3 hit rate (0 in run states written before the floor)
 * @param retentionDays model versions older than this may be deleted
 * @param retentionDryRun log what retention would delete, delete nothing
 * @param degrade       verification drill applied to the training data ({@link Degradation#NONE} normally;
 *                      {@code null}, as in run states written before drills existed, means none)
 * @param extract       what the extract reads: the whole catalog or the newest {@code maxRows} rows
 *                      ({@code null}, as in run states written before the catalog extract, means the newest)
 */
public record RetrainConfig(String accessFile, String datasetRoot, long maxRows, long minRows, double rateTolerance,
                              double maeTolerance, double coverageTolerance, double minTop3HitRate, int retentionDays,
                              boolean retentionDryRun, Degradation degrade, ExtractScope extract) {

    public RetrainConfig {
        degrade = degrade == null ? Degradation.NONE : degrade;
        extract = extract == null ? ExtractScope.NEWEST : extract;
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        if (minRows < 0) {
            throw new IllegalArgumentException("minRows must be >= 0, was " + minRows);
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be >= 1, was " + retentionDays);
        }
        gate(); // validates the tolerances
    }

    public Gate gate() {
        return new Gate(rateTolerance, maeTolerance, coverageTolerance, minTop3HitRate);
    }
}
