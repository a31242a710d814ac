package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.model.ActiveModel;
import com.routingml.model.EvaluationMetrics;
import com.routingml.model.Evaluator;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingParams;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Compare step: the candidate and the active model scored on the same evaluation set, drawn from
 * the whole catalog of this run's dataset ({@link EvaluationSet}: the newest routed items and a
 * sample of all earlier periods, as many items in all as the candidate's own holdout), the
 * candidate's coverage of the active model's items and routing families ({@link Coverage}), then
 * judged by the {@link Gate}. An item in a model's index is never its own neighbour, so neither
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
    ActiveModel active;

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
        ComparisonReport report = compare(s.settings.gate(), candidate, current, data, Instant.now());
        reports.save(report);
        runs.update(s.instanceId, x -> {
            x.comparison = report;
            x.activeVersionBefore = report.activeVersion();
        });
        LOG.info(() -> "candidate " + candidate.version() + (report.blessed() ? " BLESSED: " : " NOT BLESSED: ") + report.reason());
        return report.blessed() ? "BLESSED" : "NOT_BLESSED";
    }

    /**
     * Scores both models on one evaluation set drawn from {@code data} and judges the candidate.
     *
     * @param current the active model, or {@code null}
     */
    static ComparisonReport compare(Gate gate, RoutingModel candidate, RoutingModel current, TrainingData data, Instant now) {
        List<Item> routed = Trainer.routedItems(data);
        TrainingParams p = candidate.metadata().params();
        int size = (int) Math.min(p.maxHoldout(), Math.max(1, Math.round(routed.size() * p.holdoutFraction())));
        EvaluationSet set = EvaluationSet.draw(routed, size, p.seed());
        List<ComparisonReport.Segment> segments = new ArrayList<>();
        segments.add(segment(ComparisonReport.NEWEST, set.newest(), candidate, current, data));
        segments.add(segment(ComparisonReport.SAMPLE, set.sampled(), candidate, current, data));
        Coverage coverage = current == null ? null : Coverage.of(candidate, current);
        return gate.judge(candidate.version(), current == null ? null : current.version(), set.summary(p.seed()), segments,
                coverage, now);
    }

    private static ComparisonReport.Segment segment(String name, List<Item> items, RoutingModel candidate, RoutingModel current,
                                                    TrainingData data) {
        EvaluationMetrics cand = Evaluator.evaluate(candidate, items, data.routings()).metrics();
        EvaluationMetrics act = current == null ? null : Evaluator.evaluate(current, items, data.routings()).metrics();
        return new ComparisonReport.Segment(name, items.size(), cand, act);
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
