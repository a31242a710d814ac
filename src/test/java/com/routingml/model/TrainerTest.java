package com.routingml.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void learnsFamiliesAndMeasuresOnTheNewestItems() {
        TrainingData data = Fixtures.families(1500, 12, 0.2, 1);
        RoutingModel m = Trainer.train(data, TrainingConfig.defaults(), "v1", CLOCK);
        EvaluationMetrics e = m.metadata().metrics();
        assertEquals(150, e.items());
        assertEquals(150, m.metadata().baselineScores().length);
        // 80% of items follow the family template; majority vote of neighbours should get most of them,
        // but noise caps accuracy well below 100%.
        assertTrue(e.top1Accuracy() > 0.6 && e.top1Accuracy() < 0.98, "top-1 " + e.top1Accuracy());
        assertTrue(e.top3HitRate() >= e.top1Accuracy());
        assertTrue(e.meanEditSimilarity() > e.top1Accuracy());
        assertEquals(1500, m.size(), "served model indexes all routed items");
        assertEquals(1350, m.metadata().provenance().trainingItems());
        assertEquals(0.8, m.metadata().nullRatios().get("SEALTYPEGRUP"), 0.05);
        assertEquals(1.0, m.metadata().nullRatios().get("GROUP2"), 1e-12);
    }

    @Test
    void sameDataSameModel(@TempDir Path dir) throws Exception {
        TrainingData data = Fixtures.families(400, 5, 0.2, 3);
        RoutingModel a = Trainer.train(data, TrainingConfig.defaults(), "va", CLOCK);
        RoutingModel b = Trainer.train(data, TrainingConfig.defaults(), "vb", CLOCK);
        assertArrayEquals(a.metadata().baselineScores(), b.metadata().baselineScores());
        assertEquals(a.metadata().metrics(), b.metadata().metrics());
        ModelStore store = new ModelStore(dir);
        String shaA = store.save(a).indexSha256();
        String shaB = store.save(b).indexSha256();
        assertEquals(shaA, shaB, "identical index bytes");
        assertTrue(Files.isDirectory(dir.resolve("va")));
    }

    @Test
    void refusesTooLittleData() {
        TrainingData data = Fixtures.families(10, 2, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(data, TrainingConfig.defaults(), "v", CLOCK));
        assertTrue(e.getMessage().contains("has 10"), e.getMessage());
    }
}
