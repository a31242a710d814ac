package com.routingml.retrain.job;

import com.routingml.retrain.RunState;
import com.routingml.model.ActivationHistory;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * Promote step: a blessed candidate becomes active through {@link ModelRegistry#activate} (verified,
 * atomic pointer switch; serving swaps without failing a prediction; the drift detector follows
 * the ModelActivated event). A candidate that is not blessed is kept for manual review.
 */
@Named("promoteBatchlet")
@Dependent
public class PromoteBatchlet extends RetrainBatchlet {

    private static final Logger LOG = Logger.getLogger(PromoteBatchlet.class.getName());

    @Inject
    ModelRegistry active;

    @Override
    String run(RunState s) throws Exception {
        if (s.comparison == null || !s.comparison.blessed()) {
            LOG.info(() -> "candidate " + s.candidateVersion + " is not blessed; kept for manual review, not promoted");
            return "NOT_PROMOTED";
        }
        String current = active.current().map(RoutingModel::version).orElse(null);
        if (!s.candidateVersion.equals(current)) {
            active.activate(s.candidateVersion, ActivationHistory.Kind.PROMOTION, "monthly-retrain",
                    "job instance " + s.instanceId + ": " + s.comparison.reason());
        }
        runs.update(s.instanceId, x -> {
            x.promoted = true;
            x.promotedAt = Instant.now();
        });
        return "PROMOTED";
    }
}
