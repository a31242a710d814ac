package com.routingml.retrain.job;

import com.routingml.retrain.Retention;
import com.routingml.retrain.RunState;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.ModelMetadata;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Retention step: deletes model versions older than the retention period - never the active
 * version, the previous one (rollback target) or this run's candidate. Every deletion (or, in a
 * dry run, every would-be deletion) is logged.
 */
@Named("retentionBatchlet")
@Dependent
public class RetentionBatchlet extends RetrainBatchlet {

    private static final Logger LOG = Logger.getLogger(RetentionBatchlet.class.getName());

    @Inject
    ModelRegistry active;

    @Override
    String run(RunState s) throws Exception {
        List<ModelMetadata> versions = active.store().list();
        String current = active.current().map(RoutingModel::version).orElse(active.store().activeVersion().orElse(null));
        String previous = current == null ? null : active.history().previousOf(current)
                .orElse(Retention.previousByAge(versions, current).orElse(null));
        Instant cutoff = Instant.now().minus(Duration.ofDays(s.settings.retentionDays()));
        List<String> doomed = Retention.select(versions, cutoff, Retention.protect(current, previous, s.candidateVersion));
        boolean dry = s.settings.retentionDryRun();
        List<String> deleted = new ArrayList<>();
        for (String v : doomed) {
            if (dry) {
                LOG.info(() -> "retention (dry run): would delete model version " + v + " (older than " + s.settings.retentionDays() + " days)");
            } else {
                active.store().delete(v);
                LOG.warning(() -> "retention: deleted model version " + v + " (older than " + s.settings.retentionDays() + " days; active "
                        + current + " and previous " + previous + " kept)");
            }
            deleted.add(v);
        }
        runs.update(s.instanceId, x -> {
            x.retentionDeleted = deleted;
            x.retentionDryRun = dry;
        });
        return (dry ? "DRY_RUN " : "DELETED ") + deleted.size();
    }
}
