package com.routingml.retrain.job;

import com.routingml.model.RoutingModel;
import com.routingml.model.TrainingData;
import com.routingml.registry.ModelRegistry;
import com.routingml.retrain.ComparisonReport;
import com.routingml.retrain.Coverage;
import com.routingml.retrain.EvaluationSet;
import com.routingml.retrain.Gate;
import com.routingml.retrain.Reports;
import com.routingml.retrain.RunState;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.retrain.dataset.DatasetLoader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Compare step: the candidate and the active model scored on the same evaluation set, drawn from
 * the whole catalog of this run's dataset ({@link EvaluationSet}: the newest routed items and a
 * sample of all earlier periods, as many items in all as the candidate's own holdout), the
 * candidate's coverage of the active model's items and routing families ({@link Coverage}), then
 * judged by the {@link Gate} ({@link Gate#compare}). An item in a model's index is never its own neighbour, so neither
 * model sees the answer. The report is stored with the candidate ({@code comparison.json}).
 *
 * <p>The active model is the one served, or, while the server is still loading it, the version the
 * store's {@code active} pointer names: a candidate is never compared with "no model" only because
 * the comparison ran early.
 */
@Named("compareBatchlet")
@Dependent
public class CompareBatchlet extends RetrainBatchlet {

    private static final Logger LOG = Logger.getLogger(CompareBatchlet.class.getName());

    @Inject
    ModelRegistry active;

    @Inject
    Reports reports;

    @Override
    String run(RunState s) throws Exception {
        if (s.promoted) {
            return "ALREADY_PROMOTED";
        }
        RoutingModel candidate = active.store().load(s.candidateVersion);
        RoutingModel current = currentModel();
        TrainingData data = DatasetLoader.load(new DatasetLayout(Path.of(s.settings.datasetRoot()), s.month)).data();
        ComparisonReport report = s.settings.gate().compare(candidate, current, data, Instant.now());
        reports.save(report);
        runs.update(s.instanceId, x -> {
            x.comparison = report;
            x.activeVersionBefore = report.activeVersion();
        });
        LOG.info(() -> "candidate " + candidate.version() + (report.blessed() ? " BLESSED: " : " NOT BLESSED: ")
                + report.reason());
        return report.blessed() ? "BLESSED" : "NOT_BLESSED";
    }

    private RoutingModel currentModel() throws Exception {
        Optional<RoutingModel> served = active.current();
        if (served.isPresent()) {
            return served.get();
        }
        Optional<String> pointer = active.store().activeVersion();
        if (pointer.isEmpty()) {
            return null;
        }
        LOG.info(() -> "no model served yet: comparing with the version the active pointer names, " + pointer.get());
        return active.store().load(pointer.get());
    }
}
