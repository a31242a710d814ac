package com.routingml.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationHistoryTest {

    @Test
    void appendsReadsBackAndNamesThePreviousVersion(@TempDir Path dir) throws Exception {
        ActivationHistory h = new ActivationHistory(dir);
        assertTrue(h.entries().isEmpty());
        h.append(new ActivationHistory.Entry(Instant.parse("2026-01-01T02:00:00Z"), ActivationHistory.Kind.PROMOTION,
                "v2", "v1", "monthly-retrain", "blessed"));
        h.append(new ActivationHistory.Entry(Instant.parse("2026-01-02T02:00:00Z"), ActivationHistory.Kind.ROLLBACK,
                "v1", "v2", "admin", "rollback"));
        assertEquals(2, h.entries().size());
        assertEquals(ActivationHistory.Kind.ROLLBACK, h.entries().get(1).kind());
        assertEquals(Optional.of("v2"), h.previousOf("v1"));
        assertEquals(Optional.of("v1"), h.previousOf("v2"));
        assertEquals(Optional.empty(), h.previousOf("v9"));
        // a torn last line (crash mid-append) is skipped, not fatal
        Files.writeString(dir.resolve(ActivationHistory.FILE), "{\"at\":\"2026-", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertEquals(2, new ActivationHistory(dir).entries().size());
    }

    @Test
    void deleteRemovesAVersionButNeverTheActiveOne(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC);
        ModelStore store = new ModelStore(dir);
        store.save(Trainer.train(Fixtures.families(200, 4, 0.1, 2), TrainingConfig.defaults(), "old", clock));
        store.save(Trainer.train(Fixtures.families(200, 4, 0.1, 3), TrainingConfig.defaults(), "cur", clock));
        store.activate("cur");
        assertThrows(java.io.IOException.class, () -> store.delete("cur"));
        store.delete("old");
        assertFalse(Files.exists(dir.resolve("old")));
        assertEquals(1, store.list().size());
        assertThrows(java.io.IOException.class, () -> store.delete("old"));
        assertThrows(IllegalArgumentException.class, () -> store.delete("../x"));
    }
}
