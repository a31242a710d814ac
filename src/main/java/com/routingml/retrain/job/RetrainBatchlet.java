package com.routingml.retrain.job;

import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;

/** Base of the retraining batchlets: the run state at hand, failures recorded with their reason. */
abstract class RetrainBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    @Override
    public final String process() throws Exception {
        try {
            return run(runs.get(job.getInstanceId()));
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            throw e;
        }
    }

    /** @return the step's exit status */
    abstract String run(RunState state) throws Exception;
}
