package com.routingml.retrain.job;

import com.routingml.retrain.RunState;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.util.logging.Logger;

/**
 * Check step, first in every execution: a run whose parameters were refused when it was submitted
 * (over the batch REST API, where no 400 can be answered; see {@link RetrainJobListener}) ends
 * here, before anything is opened or written. It returns {@code REFUSED}, and the job's
 * {@code <fail on="REFUSED">} transition ends the execution as FAILED: a refusal is a decision,
 * not an error, so no exception is thrown and the server logs no incident for it.
 */
@Named("checkBatchlet")
@Dependent
public class CheckBatchlet extends RetrainBatchlet {

    /** The exit status that ends the job. */
    static final String REFUSED = "REFUSED";

    private static final Logger LOG = Logger.getLogger(CheckBatchlet.class.getName());

    @Override
    String run(RunState s) {
        String why = s.refusal != null ? s.refusal : s.restartRefusal;
        if (why == null) {
            return "ACCEPTED";
        }
        LOG.warning(() -> "retraining job instance " + s.instanceId + " refused before it started: " + why);
        StepRecorder.record(runs, s.instanceId, step.getStepName(), why);
        return REFUSED;
    }
}
