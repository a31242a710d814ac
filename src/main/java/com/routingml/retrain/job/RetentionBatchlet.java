package com.routingml.retrain.job;

import com.routingml.model.ModelFormatException;
import com.routingml.registry.ModelRegistry;
import com.routingml.retrain.Retention;
import com.routingml.retrain.RunState;
import com.routingml.retrain.dataset.DatasetRetention;
import com.routingml.model.ModelMetadata;
import com.routingml.model.Provenance;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Retention step: deletes model versions older than the retention period - never the active
 * version, the previous one (rollback target) or this run's candidate - and training datasets
 * older than it, with every leftover {@code .stale-*} dataset, never the dataset the active or the
 * previous model was trained from, nor this run's ({@link DatasetRetention}). Every deletion (or,
 * in a dry run, every would-be deletion) is logged and recorded in the run state.
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
        String current = active.current().map(RoutingModel::version)
                .orElse(active.store().activeVersion().orElse(null));
        String previous = current == null ? null : active.history().previousOf(current)
                .orElse(Retention.previousByAge(versions, current).orElse(null));
        Instant cutoff = Instant.now().minus(Duration.ofDays(s.settings.retentionDays()));
        List<String> doomed = Retention.select(versions, cutoff,
                Retention.protect(current, previous, s.candidateVersion));
        boolean dry = s.settings.retentionDryRun();
        List<String> deleted = new ArrayList<>();
        for (String v : doomed) {
            if (dry) {
                LOG.info(() -> "retention (dry run): would delete model version " + v + " (older than "
                        + s.settings.retentionDays() + " days)");
            } else {
                active.store().delete(v);
                LOG.warning(() -> "retention: deleted model version " + v + " (older than "
                        + s.settings.retentionDays() + " days; active " + current + " and previous " + previous
                        + " kept)");
            }
            deleted.add(v);
        }
        List<String> datasets = datasets(s, cutoff, dry, current, previous);
        runs.update(s.instanceId, x -> {
            x.retentionDeleted = deleted;
            x.retentionDatasetsDeleted = datasets;
            x.retentionDryRun = dry;
        });
        return (dry ? "DRY_RUN " : "DELETED ") + deleted.size() + " models, " + datasets.size() + " datasets";
    }

    private List<String> datasets(RunState s, Instant cutoff, boolean dry, String current,
            String previous) throws IOException {
        Path root = Path.of(s.settings.datasetRoot());
        List<String> shas = new ArrayList<>();
        for (String v : Retention.protect(current, previous)) {
            try {
                Provenance p = active.store().readMetadata(v).provenance();
                shas.add(p == null ? null : p.dataSha256());
            } catch (ModelFormatException e) {
                LOG.warning(() -> "retention: cannot read the provenance of model " + v + " (" + e.getMessage()
                        + "); no dataset is deleted this time");
                return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (DatasetRetention.Doomed d : DatasetRetention.apply(root, cutoff, shas, List.of(Path.of(s.datasetDir)),
                dry)) {
            Path dir = d.dataset().dir();
            if (dry) {
                LOG.info(() -> "retention (dry run): would delete dataset " + dir + " (" + d.reason() + ")");
            } else {
                LOG.warning(() -> "retention: deleted dataset " + dir + " (" + d.reason()
                        + "; the datasets of active " + current
                        + " and previous " + previous + " kept)");
            }
            out.add(dir.toString());
        }
        return out;
    }
}
