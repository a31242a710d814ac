package com.routingml.retrain.job;

import com.routingml.retrain.RunStore;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/** Step listener of every retraining step: logs each step and records a failure with its reason. */
@Named("retrainStepRecorder")
@Dependent
public class StepRecorder implements StepListener {

    private static final Logger LOG = Logger.getLogger(StepRecorder.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    @Override
    public void beforeStep() {
        LOG.info(() -> "retraining job instance " + job.getInstanceId() + ": step " + step.getStepName() + " starts");
    }

    @Override
    public void afterStep() {
        Exception e = step.getException();
        if (e != null) {
            record(runs, job.getInstanceId(), step.getStepName(), e);
        } else {
            LOG.info(() -> "retraining job instance " + job.getInstanceId() + ": step " + step.getStepName()
                    + " ended (" + step.getExitStatus() + ")");
        }
    }

    /** Records the first failure of the execution (the root cause, not the runtime's wrapping). */
    static void record(RunStore runs, long instanceId, String stepName, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof jakarta.batch.operations.BatchRuntimeException)) {
            root = root.getCause();
        }
        record(runs, instanceId, stepName, root.getMessage() == null ? root.toString() : root.getMessage());
    }

    /** Records the first failure of the execution, with a reason worded by the caller. */
    static void record(RunStore runs, long instanceId, String stepName, String msg) {
        try {
            runs.update(instanceId, s -> {
                if (s.failure == null) {
                    s.failedStep = stepName;
                    s.failure = msg;
                }
            });
        } catch (RuntimeException ex) {
            LOG.warning("cannot record the failure of step " + stepName + ": " + ex.getMessage());
        }
    }
}
