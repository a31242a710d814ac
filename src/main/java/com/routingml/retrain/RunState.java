package com.routingml.retrain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one retraining job instance decided and produced, kept across its executions (a restart
 * continues the same month's dataset and the same candidate). Stored as JSON by {@link RunStore}.
 * A mutable bean: written by one job thread at a time.
 */
public class RunState {

    public long instanceId;
    public long firstExecutionId;
    public String trigger;
    public RetrainConfig settings;
    public Instant startedAt;
    /** YYYYMM: fixed when the instance first starts, so a restart next month continues this dataset. */
    public String month;
    /**
     * The day routings must be in force on to be extracted (YYYY-MM-DD): fixed when the instance
     * first starts, so a restart reads the same rows. Null in runs started before validity was judged.
     */
    public String validOn;
    public String datasetDir;
    public String source;
    /**
     * Why the run may not start at all (a job parameter refused at its first start, e.g. over the batch
     * REST API, or an unapproved per-run accessFile); the check step ends every execution of it.
     */
    public String refusal;
    /** Why the current execution may not run (its restart parameters were refused); null when they were fine. */
    public String restartRefusal;
    public long datasetRows;
    public String candidateVersion;
    public String activeVersionBefore;
    public ComparisonReport comparison;
    public boolean promoted;
    public Instant promotedAt;
    public List<String> retentionDeleted = new ArrayList<>();
    /** Dataset directories retention deleted (or, in a dry run, would have). */
    public List<String> retentionDatasetsDeleted = new ArrayList<>();
    public boolean retentionDryRun;
    public String failedStep;
    public String failure;
    public Instant finishedAt;
}
