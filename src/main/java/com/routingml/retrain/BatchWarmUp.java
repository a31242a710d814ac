package com.routingml.retrain;

import com.routingml.events.ModelActivated;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the newest retraining run once, in the background, when the first model serves: the batch
 * runtime initialises its job repository on first use, which takes seconds, and the run records'
 * JSON mapping is built on first read; both would otherwise hold up the first person to look at
 * the retraining runs (the console's Retraining page, {@code GET /api/retrain/executions}).
 * Waiting for the model keeps this work out of the start-up itself.
 */
@ApplicationScoped
public class BatchWarmUp {

    private static final Logger LOG = Logger.getLogger(BatchWarmUp.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    BatchIdentity identity;

    @Inject
    RunStore runs;

    private final AtomicBoolean started = new AtomicBoolean();

    void onModelActivated(@Observes ModelActivated ignored) {
        if (started.compareAndSet(false, true)) {
            executor.execute(this::warmUp);
        }
    }

    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            identity.call(() -> {
                JobOperator op = BatchRuntime.getJobOperator();
                // The reads of GET /api/retrain/executions, on the newest instance; with no run
                // yet, asking for the job names has started the repository all the same.
                if (RetrainLauncher.hasRuns(op)) {
                    for (JobInstance i : op.getJobInstances(RetrainLauncher.JOB, 0, 1)) {
                        runs.find(i.getInstanceId());
                        for (JobExecution e : op.getJobExecutions(i)) {
                            op.getStepExecutions(e.getExecutionId());
                        }
                    }
                }
                return null;
            });
            LOG.fine(() -> "batch job repository ready after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "batch job repository not ready yet (it starts on first use): " + e.getMessage(), e);
        }
    }
}
