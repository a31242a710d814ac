package com.routingml.retrain.dataset;

import com.routingml.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetRetentionTest {

    static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    static final Instant CUTOFF = NOW.minus(180, ChronoUnit.DAYS);

    @TempDir
    Path root;

    /** A complete dataset of {@code month} completed {@code daysAgo} days ago, in a directory named {@code name}. */
    Path dataset(String name, String month, int daysAgo) throws Exception {
        DatasetLayout layout = new DatasetLayout(root, month);
        Files.createDirectories(layout.dir());
        Files.writeString(layout.part(0), "rows of " + month);
        layout.writeManifest(new DatasetManifest(DatasetManifest.FORMAT_VERSION, month, 7, NOW.minus(daysAgo,
                ChronoUnit.DAYS),
                "/data/erp.accdb", 1, null, "ZSTD", List.of(new DatasetManifest.Part(DatasetLayout.partName(0),
                        1)), List.of(), "{}", "catalog", "2026-12-01"));
        Path dir = root.resolve(name);
        if (!dir.equals(layout.dir())) {
            Files.move(layout.dir(), dir);
        }
        return dir;
    }

    /** An incomplete dataset (no manifest) last written {@code daysAgo} days ago. */
    Path incomplete(String name, int daysAgo) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("part-00000.parquet"), "partial");
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minus(daysAgo, ChronoUnit.DAYS)));
        return dir;
    }

    static String sha(Path dir) throws Exception {
        return ModelStore.sha256(dir.resolve(DatasetLayout.MANIFEST));
    }

    @Test
    void oldAndStaleDatasetsGoButNeverThoseOfTheActiveAndPreviousModelsOrThisRun() throws Exception {
        Path previousModels = dataset("training_dataset_202601", "202601", 330);  // old, but the previous model's
        Path old = dataset("training_dataset_202602", "202602", 300);
        Path incompleteOld = incomplete("training_dataset_202603", 270);
        Path recent = dataset("training_dataset_202611", "202611", 30);
        // the active model's dataset, moved aside by a later run of the same month that was not promoted
        Path activeMovedAside = dataset("training_dataset_202612.stale-20261201T030000Z", "202612", 0);
        Path leftover = dataset("training_dataset_202610.stale-20261001T020000Z", "202610", 60);
        Path thisRun = incomplete("training_dataset_202612", 0);
        Path unrelated = Files.createDirectories(root.resolve("notes"));
        Path notADataset = Files.createDirectories(root.resolve("training_dataset_2026"));

        List<DatasetRetention.Doomed> dry = DatasetRetention.apply(root, CUTOFF, Set.of(sha(previousModels),
                sha(activeMovedAside)),
                List.of(thisRun), true);
        List<Path> selected = dry.stream().map(d -> d.dataset().dir()).toList();
        assertEquals(List.of(old, leftover, incompleteOld).stream().sorted().toList(),
                selected.stream().sorted().toList());
        assertTrue(Stream.of(old, incompleteOld, leftover).allMatch(Files::isDirectory), "a dry run deletes nothing");
        assertTrue(dry.stream().filter(d -> d.dataset().dir().equals(leftover)).findFirst().orElseThrow().reason()
                .startsWith("moved aside by a later run of 202610"));
        assertTrue(dry.stream().filter(d -> d.dataset().dir().equals(incompleteOld)).findFirst().orElseThrow().reason()
                .startsWith("incomplete, last written "));

        List<DatasetRetention.Doomed> done = DatasetRetention.apply(root, CUTOFF, Set.of(sha(previousModels),
                sha(activeMovedAside)),
                List.of(thisRun), false);
        assertEquals(3, done.size());
        assertFalse(Stream.of(old, incompleteOld, leftover).anyMatch(Files::exists), "deleted, contents and all");
        assertTrue(Stream.of(previousModels, recent, activeMovedAside, thisRun, unrelated,
                notADataset).allMatch(Files::isDirectory));
        assertEquals(List.of(), DatasetRetention.apply(root, CUTOFF, Set.of(sha(previousModels), sha(activeMovedAside)),
                List.of(thisRun), false), "nothing more to delete");
    }

    @Test
    void aMissingRootHasNothingToDelete() throws Exception {
        assertEquals(List.of(), DatasetRetention.apply(root.resolve("none"), CUTOFF, Set.of(), List.of(), false));
    }

    @Test
    void aSymbolicLinkNamedLikeADatasetIsNotFollowed(@TempDir Path elsewhere) throws Exception {
        Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep");
        Files.setLastModifiedTime(elsewhere, FileTime.from(NOW.minus(400, ChronoUnit.DAYS)));
        Files.createSymbolicLink(root.resolve("training_dataset_202501.stale-x"), elsewhere);
        assertEquals(List.of(), DatasetRetention.apply(root, CUTOFF, Set.of(), List.of(), false));
        assertTrue(Files.exists(precious));
    }
}
