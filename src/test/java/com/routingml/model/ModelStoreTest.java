package com.routingml.model;

import com.routingml.access.Routing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void roundTripGivesTheSameRecommendations(@TempDir Path dir) throws Exception {
        ModelStore store = new ModelStore(dir);
        String v = store.newVersionId(CLOCK.instant());
        assertEquals("v20261101T020000Z", v);
        RoutingModel m = Trainer.train(Fixtures.families(600, 8, 0.2, 5), TrainingConfig.defaults(), v, CLOCK);
        store.save(m);
        assertEquals("v20261101T020000Z-2", store.newVersionId(CLOCK.instant()), "ids are never reused");
        RoutingModel back = store.activate(v);
        assertEquals(v, store.activeVersion().orElseThrow());
        for (String code : m.itemCodes().subList(0, 30)) {
            var item = Fixtures.families(600, 8, 0.2, 5).items().stream().filter(i -> i.itemCode().equals(code))
                    .findFirst().orElseThrow();
            assertEquals(m.recommend(item, 3), back.recommend(item, 3));
        }
        assertEquals(1, store.list().size());
        assertThrows(java.io.IOException.class, () -> store.save(m), "versions are immutable");
    }

    @Test
    void aRoutingsLastDayInForceSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        TrainingData data = Fixtures.families(120, 4, 0.1, 7);
        Map<String, List<Routing>> ending = new HashMap<>();
        LocalDate lastDay = LocalDate.of(2027, 3, 31);
        data.routings().forEach((code, rs) -> ending.put(code, rs.stream()
                .map(r -> new Routing(r.itemCode(), r.routingNo(), r.insertedAt(), r.operations(), lastDay)).toList()));
        TrainingData dated = new TrainingData(data.items(), data.columns(), ending, data.routingRows(), data.source(),
                data.sha256(), lastDay.minusMonths(1));
        RoutingModel m = Trainer.train(dated, TrainingConfig.defaults(), "dated", CLOCK);
        new ModelStore(dir).save(m);
        RoutingModel back = new ModelStore(dir).load("dated");
        assertEquals(m.routings(), back.routings());
        assertTrue(back.routings().stream().flatMap(List::stream).allMatch(r -> lastDay.equals(r.validUntil())));
        assertEquals("2027-02-28", back.metadata().provenance().validOn());
    }

    @Test
    void corruptIndexIsRejectedAndNeverActivated(@TempDir Path dir) throws Exception {
        ModelStore store = new ModelStore(dir);
        RoutingModel good = Trainer.train(Fixtures.families(300, 4, 0.1, 2), TrainingConfig.defaults(), "good", CLOCK);
        RoutingModel bad = Trainer.train(Fixtures.families(300, 4, 0.1, 3), TrainingConfig.defaults(), "bad", CLOCK);
        store.save(good);
        store.save(bad);
        store.activate("good");
        try (RandomAccessFile f =
                new RandomAccessFile(dir.resolve("bad").resolve(ModelStore.INDEX_BIN).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xFF);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.activate("bad"));
        assertTrue(e.getMessage().contains("checksum") || e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals("good", store.activeVersion().orElseThrow(), "active pointer untouched");
    }

    @Test
    void unknownFormatAndBadIdsFailClearly(@TempDir Path dir) throws Exception {
        ModelStore store = new ModelStore(dir);
        store.save(Trainer.train(Fixtures.families(300, 4, 0.1, 2), TrainingConfig.defaults(), "m1", CLOCK));
        Path json = dir.resolve("m1").resolve(ModelStore.MODEL_JSON);
        Files.writeString(json, Files.readString(json).replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load("m1"));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
        assertThrows(ModelFormatException.class, () -> store.load("nothing-here"));
        assertThrows(IllegalArgumentException.class, () -> store.load("../etc"));
        assertFalse(ModelStore.isValidVersion("active"));
    }

    @Test
    void indexWrittenByAnEarlierBuildStillLoadsAndIsRewrittenInTheCurrentFormat(@TempDir Path dir) throws Exception {
        // model-format1/ was saved by the build before the string table (index format 1) from this
        // training run; a store written then must keep serving after an upgrade.
        Path old = dir.resolve("old");
        Files.createDirectories(old.resolve("format1"));
        for (String f : new String[] {ModelStore.MODEL_JSON, "index.bin"}) {
            try (var in = ModelStoreTest.class.getResourceAsStream("/model-format1/format1/" + f)) {
                Files.copy(in, old.resolve("format1").resolve(f));
            }
        }
        assertEquals(1, indexFormat(old.resolve("format1")));
        Clock then = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        RoutingModel expected = Trainer.train(Fixtures.families(120, 4, 0.1, 7), TrainingConfig.defaults(),
                "format1", then);

        RoutingModel loaded = new ModelStore(old).load("format1");
        assertEquals(expected.itemCodes(), loaded.itemCodes());
        assertEquals(expected.routings(), loaded.routings());

        ModelStore current = new ModelStore(dir.resolve("new"));
        current.save(loaded);
        assertEquals(ModelCodec.FORMAT, indexFormat(dir.resolve("new").resolve("format1")));
        assertEquals(expected.routings(), current.load("format1").routings());
    }

    private static int indexFormat(Path versionDir) throws Exception {
        try (var in = new java.io.DataInputStream(Files.newInputStream(versionDir.resolve("index.bin")))) {
            assertEquals(ModelCodec.MAGIC, in.readInt());
            return in.readInt();
        }
    }
}
