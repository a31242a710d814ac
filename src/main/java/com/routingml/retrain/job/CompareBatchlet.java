package com.routingml.retrain.job;

import com.routingml.retrain.ComparisonReport;
import com.routingml.retrain.Reports;
import com.routingml.retrain.RunState;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.retrain.dataset.DatasetLoader;
import com.routingml.access.Item;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.Evaluator;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Compare step: the candidate and the active model scored on the same held-out items - the
 * newest routed items of this run's dataset, as many as the candidate's own holdout - then judged
 * by the {@link Gate}. An item in a model's index is never its own neighbour, so neither model
 * sees the answer. The report is stored with the candidate ({@code comparison.json}).
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
        RoutingModel current = active.current().orElse(null);
        TrainingData data = DatasetLoader.load(new DatasetLayout(Path.of(s.settings.datasetRoot()), s.month)).data();
        List<Item> routed = Trainer.routedItems(data);
        TrainingConfig p = candidate.metadata().params();
        int size = (int) Math.min(p.maxHoldout(), Math.max(1, Math.round(routed.size() * p.holdoutFraction())));
        List<Item> holdout = routed.subList(Math.max(0, routed.size() - size), routed.size());
        Evaluator.Result cand = Evaluator.evaluate(candidate, holdout, data.routings());
        Evaluator.Result act = current == null ? null : Evaluator.evaluate(current, holdout, data.routings());
        ComparisonReport report = s.settings.gate().judge(candidate.version(), current == null ? null : current.version(),
                holdout.size(), holdout.isEmpty() ? null : String.valueOf(holdout.get(0).firstSeen()), cand.metrics(),
                act == null ? null : act.metrics(), Instant.now());
        reports.save(report);
        runs.update(s.instanceId, x -> {
            x.comparison = report;
            x.activeVersionBefore = report.activeVersion();
        });
        LOG.info(() -> "candidate " + candidate.version() + (report.blessed() ? " BLESSED: " : " NOT BLESSED: ") + report.reason());
        return report.blessed() ? "BLESSED" : "NOT_BLESSED";
    }
}
