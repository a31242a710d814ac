package com.routingml.retrain;

import com.routingml.model.EvaluationMetrics;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    static EvaluationMetrics m(double top1, double top3, double mae) {
        return new EvaluationMetrics(100, top1, top3, 0.9, 0.9, 0.9, mae, 0.8);
    }

    static List<ComparisonReport.Segment> segments(EvaluationMetrics cand, EvaluationMetrics act) {
        return List.of(new ComparisonReport.Segment(ComparisonReport.NEWEST, 100, cand, act),
                new ComparisonReport.Segment(ComparisonReport.SAMPLE, 100, cand, act));
    }

    static final Coverage FULL = new Coverage(1000, 1000, 1, 40, 40, 1, 1000, 40, List.of());

    private final Gate gate = new Gate(0.01, 0.05, 0.05, 0.7);

    private ComparisonReport judge(EvaluationMetrics cand, EvaluationMetrics act) {
        return gate.judge("c", "a", null, segments(cand, act), FULL, Instant.EPOCH);
    }

    @Test
    void equalOrBetterIsBlessed() {
        assertTrue(judge(m(0.8, 0.9, 10), m(0.8, 0.9, 10)).blessed());
        ComparisonReport r = judge(m(0.85, 0.95, 9), m(0.8, 0.9, 10));
        assertTrue(r.blessed(), r.reason());
        assertTrue(r.reason().startsWith("blessed: keeps 100.0% of the active model's items and 100.0% of its routing"
                + " families"),
                r.reason());
        assertEquals(2 + 12 + 1, r.checks().size(), "two coverage checks, six accuracy checks per segment, one floor");
    }

    @Test
    void withinToleranceIsBlessed() {
        assertTrue(judge(m(0.791, 0.9, 10.4), m(0.8, 0.9, 10)).blessed());
    }

    @Test
    void worseBeyondToleranceIsNotBlessedAndTheReasonNamesTheMetricAndTheSegment() {
        ComparisonReport r = gate.judge("c", "a", null, List.of(
                new ComparisonReport.Segment(ComparisonReport.NEWEST, 100, m(0.8, 0.9, 10), m(0.8, 0.9, 10)),
                new ComparisonReport.Segment(ComparisonReport.SAMPLE, 100, m(0.78, 0.9, 10), m(0.8, 0.9, 10))), FULL,
                        Instant.EPOCH);
        assertFalse(r.blessed());
        assertEquals("refused: top1Accuracy on the catalog sample 0.7800 vs 0.8000 (0.0200 lower; tolerance 0.0100)",
                r.reason());
        ComparisonReport mae = judge(m(0.8, 0.9, 10.6), m(0.8, 0.9, 10));
        assertFalse(mae.blessed());
        assertTrue(mae.reason().contains("runTimeMae on the newest items 10.6000 vs 10.0000 (6.0% higher;"
                + " tolerance relative 0.0500)"),
                mae.reason());
    }

    @Test
    void theFloorHoldsWithOrWithoutAnActiveModel() {
        ComparisonReport low = judge(m(0.5, 0.6, 10), m(0.5, 0.6, 10));
        assertFalse(low.blessed(), "as good as the active model, but under the floor");
        assertEquals("refused: top3HitRate 0.6000 below the floor 0.7000", low.reason());
        ComparisonReport first = gate.judge("c", null, null, segments(m(0.5, 0.6, 10), null), null, Instant.EPOCH);
        assertFalse(first.blessed(), first.reason());
        assertEquals(1, first.checks().size(), "only the floor applies without an active model");
        assertNull(first.checks().get(0).active());
        ComparisonReport ok = gate.judge("c", null, null, segments(m(0.5, 0.75, 10), null), null, Instant.EPOCH);
        assertTrue(ok.blessed(), ok.reason());
        assertTrue(ok.reason().startsWith("blessed: no active model to compare with"), ok.reason());
    }

    @Test
    void noEvaluationItemsIsNeverBlessed() {
        ComparisonReport r = gate.judge("c", "a", null, List.of(new ComparisonReport.Segment(ComparisonReport.NEWEST, 0,
                new EvaluationMetrics(0, 0, 0, 0, 0, 0, 0, 0), new EvaluationMetrics(0, 0, 0, 0, 0, 0, 0, 0))), FULL,
                        Instant.EPOCH);
        assertFalse(r.blessed());
        assertEquals(0, r.holdoutItems());
    }

    @Test
    void tolerancesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Gate(-0.1, 0.05, 0.05, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new Gate(0.01, Double.NaN, 0.05, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new Gate(0.01, 0.05, 1.5, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new Gate(0.01, 0.05, 0.05, Double.NaN));
    }

    // --- real models: the losses the gate must see ------------------------------------------

    static TrainingData catalog;
    static RoutingModel activeModel;

    @BeforeAll
    static void trainTheActiveModel() {
        catalog = Catalogs.families(3000, 36, 7);
        activeModel = train(catalog, "active");
    }

    static RoutingModel train(TrainingData data, String version) {
        return Trainer.train(data, TrainingConfig.defaults(), version,
                Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aCandidateMissingAThirdOfTheFamiliesIsRefusedAndTheReportSaysWhy() {
        RoutingModel candidate = train(Degradation.DROP_FAMILIES.apply(catalog), "candidate");
        ComparisonReport r = gate.compare(candidate, activeModel, catalog, Instant.EPOCH);

        assertFalse(r.blessed(), r.reason());
        Coverage c = r.coverage();
        int all = c.activeFamilies();
        assertTrue(all > 36, "the 36 templates and the variants shared by several items: " + all);
        int kept = all - (all + 2) / 3;
        assertEquals(kept, c.keptFamilies(), "a third gone");
        ComparisonReport.Check families = check(r, "familyCoverage");
        assertFalse(families.pass());
        assertEquals((double) kept / all, families.candidate(), 1e-9);
        assertTrue(r.reason().contains(String.format(java.util.Locale.ROOT,
                "familyCoverage %.4f: %d of %d routing families of the active model kept (%d missing), at least 0.9500"
                        + " needed;"
                        + " missing e.g. ", (double) kept / all, kept, all, all - kept)), r.reason());
        assertTrue(r.reason().contains(" items)"), "the missing families are named with their size: " + r.reason());
        assertFalse(check(r, "itemCoverage").pass(), "their items went with them");
        // The Slack/Teams notice says why, with the coverage behind it.
        RunState run = new RunState();
        run.candidateVersion = candidate.version();
        run.comparison = r;
        java.util.Map<String, String> facts = RunFacts.of(run, java.time.Duration.ofSeconds(42), null, null);
        assertTrue(facts.get("verdict").startsWith("not blessed: refused: "), facts.toString());
        assertTrue(facts.get("verdict").contains("familyCoverage"), facts.toString());
        assertEquals(String.format(java.util.Locale.ROOT,
                "%.1f%% of the active model's items (%d of %d), %.1f%% of its routing families"
                + " (%d of %d)", 100.0 * c.itemShare(), c.keptItems(), c.activeItems(), 100.0 * kept / all, kept,
                all), facts.get("coverage"));
        assertTrue(facts.get("evaluated on").startsWith("150 newest items (from 20"), facts.toString());
        String slack = com.routingml.notify.Notice.success("Routing ML retraining finished: candidate not promoted",
                facts).slack().toString();
        assertTrue(slack.contains("familyCoverage") && slack.contains("routing families"), slack);
        // Both models were scored on the same items, drawn from the whole catalog.
        assertEquals(r.evaluation().newestItems() + r.evaluation().sampledItems(), r.holdoutItems());
        assertEquals(r.candidate().items(), r.active().items());
    }

    @Test
    void aCandidateOfOnlyTheNewestItemsIsRefusedThoughItScoresWellOnThem() {
        RoutingModel candidate = train(Catalogs.newestOnly(catalog, 0.15), "candidate");
        ComparisonReport r = gate.compare(candidate, activeModel, catalog, Instant.EPOCH);

        assertFalse(r.blessed(), r.reason());
        assertTrue(r.coverage().itemShare() < 0.2, "about 15% of the items kept: " + r.coverage());
        assertFalse(check(r, "itemCoverage").pass());
        ComparisonReport.Segment newest = segment(r, ComparisonReport.NEWEST);
        ComparisonReport.Segment sample = segment(r, ComparisonReport.SAMPLE);
        assertEquals(150, newest.items());
        assertEquals(150, sample.items());
        assertTrue(r.evaluation().sampledFrom().startsWith("2016-"), "the sample reaches back to the first year: "
                + r.evaluation());
        assertTrue(r.reason().contains("itemCoverage 0.1"), r.reason());
    }

    @Test
    void aCandidateOfTheSameCatalogIsBlessed() {
        RoutingModel candidate = train(catalog, "candidate");
        ComparisonReport r = gate.compare(candidate, activeModel, catalog, Instant.EPOCH);
        assertTrue(r.blessed(), r.reason());
        assertEquals(1.0, r.coverage().itemShare());
        assertEquals(1.0, r.coverage().familyShare());
        assertTrue(r.checks().stream().allMatch(ComparisonReport.Check::pass));
    }

    static ComparisonReport.Check check(ComparisonReport r, String metric) {
        return r.checks().stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
    }

    static ComparisonReport.Segment segment(ComparisonReport r, String name) {
        return r.segments().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
