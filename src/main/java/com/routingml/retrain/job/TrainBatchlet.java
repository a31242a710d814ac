package com.routingml.retrain.job;

import com.routingml.retrain.Degradation;
import com.routingml.retrain.RunState;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.retrain.dataset.DatasetLoader;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.ModelFormatException;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Train step: a candidate version from the Parquet dataset, through the same training path as the
 * prediction service ({@link ModelRegistry#trainAndSave}), saved but not activated. On restart a
 * candidate already saved by this run is reused. A run started with the drill parameter
 * {@code degrade} trains on deliberately corrupted data ({@link Degradation}).
 */
@Named("trainBatchlet")
@Dependent
public class TrainBatchlet extends RetrainBatchlet {

    private static final Logger LOG = Logger.getLogger(TrainBatchlet.class.getName());

    @Inject
    ModelRegistry active;

    @Override
    String run(RunState s) throws Exception {
        if (s.candidateVersion != null) {
            try {
                active.store().readMetadata(s.candidateVersion);
                LOG.info(() -> "candidate " + s.candidateVersion + " of this run exists; not training again");
                return "REUSED " + s.candidateVersion;
            } catch (ModelFormatException e) {
                LOG.warning("candidate " + s.candidateVersion + " of this run is unusable (" + e.getMessage()
                        + "); training again");
            }
        }
        DatasetLoader.Loaded loaded = DatasetLoader.load(new DatasetLayout(Path.of(s.settings.datasetRoot()), s.month));
        LOG.info(() -> "training a candidate from " + loaded.manifest().rows() + " dataset rows, "
                + loaded.data().routings().size() + " routed items");
        Degradation drill = s.settings.degrade();
        if (drill != Degradation.NONE) {
            LOG.warning("verification drill: training data degraded (degrade=" + drill.parameter()
                    + "); the candidate is meant to be refused by the gate");
        }
        RoutingModel candidate = active.trainAndSave(drill.apply(loaded.data()));
        runs.update(s.instanceId, x -> x.candidateVersion = candidate.version());
        return "TRAINED " + candidate.version();
    }
}
