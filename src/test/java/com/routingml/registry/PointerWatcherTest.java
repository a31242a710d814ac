package com.routingml.registry;

import com.routingml.events.ModelActivated;
import com.routingml.model.Fixtures;
import com.routingml.model.ModelStore;
import com.routingml.model.Trainer;
import com.routingml.storage.StorageSettings;
import com.routingml.model.TrainingConfig;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A server follows the shared store's active pointer when another server moves it, and refuses a
 * target that does not load, keeping its model, until that version's files change.
 */
class PointerWatcherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void followsThePointerAnotherServerMoved() throws Exception {
        ModelStore other = new ModelStore(dir); // the other server's view of the shared store
        save(other, "v1", 1);
        save(other, "v2", 2);
        Recorder events = new Recorder();
        PointerWatcher a = watcher(events);
        assertEquals(PointerWatcher.PointerCheck.NOT_SERVING, a.followPointer(),
                "start-up loads the first model, not the check");

        a.registry.activate("v1");
        assertEquals(PointerWatcher.PointerCheck.UNCHANGED, a.followPointer());
        other.activate("v2");
        assertEquals(PointerWatcher.PointerCheck.SWITCHED, a.followPointer());
        assertEquals("v2", a.registry.current().orElseThrow().version());
        ModelActivated last = events.fired.get(events.fired.size() - 1);
        assertEquals("v2", last.model().version());
        assertEquals("v1", last.previous(),
                "the switch is announced like a local one (metrics, drift baseline, health)");
        assertEquals(PointerWatcher.PointerCheck.UNCHANGED, a.followPointer());
        assertEquals(2, events.fired.size());
        assertEquals("v2", other.activeVersion().orElseThrow(), "the pointer is not rewritten");
        assertEquals(0, a.registry.history().entries().size(), "nor the history: whoever moved the pointer records it");
    }

    @Test
    void refusesACorruptTargetKeepsServingAndRetriesOnlyWhenItsFilesChange() throws Exception {
        ModelStore other = new ModelStore(dir);
        save(other, "v1", 1);
        save(other, "v2", 2);
        Recorder events = new Recorder();
        PointerWatcher a = watcher(events);
        a.registry.activate("v1");
        Path index = dir.resolve("v2").resolve(ModelStore.INDEX_BIN);
        byte[] good = Files.readAllBytes(index);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= (byte) 0xFF;
        Files.write(index, bad);
        FileTime t0 = Files.getLastModifiedTime(index);
        Files.writeString(dir.resolve(ModelStore.ACTIVE), "v2\n"); // by hand: nothing verified it

        assertEquals(PointerWatcher.PointerCheck.REFUSED, a.followPointer());
        assertEquals("v1", a.registry.current().orElseThrow().version());
        assertEquals(PointerWatcher.PointerCheck.STILL_REFUSED, a.followPointer(),
                "not loaded (nor logged) every interval");
        assertEquals(1, events.fired.size());

        Files.write(index, good); // restored from a backup
        Files.setLastModifiedTime(index, FileTime.fromMillis(t0.toMillis() + 60_000));
        assertEquals(PointerWatcher.PointerCheck.SWITCHED, a.followPointer());
        assertEquals("v2", a.registry.current().orElseThrow().version());
    }

    @Test
    void aMissingOrInvalidPointerKeepsTheServedModel() throws Exception {
        ModelStore other = new ModelStore(dir);
        save(other, "v1", 1);
        PointerWatcher a = watcher(new Recorder());
        a.registry.activate("v1");
        Files.delete(dir.resolve(ModelStore.ACTIVE));
        assertEquals(PointerWatcher.PointerCheck.NO_POINTER, a.followPointer());
        Files.writeString(dir.resolve(ModelStore.ACTIVE), "../elsewhere\n");
        assertEquals(PointerWatcher.PointerCheck.NO_POINTER, a.followPointer());
        Files.writeString(dir.resolve(ModelStore.ACTIVE), "v9\n"); // a version that is not there
        assertEquals(PointerWatcher.PointerCheck.REFUSED, a.followPointer());
        assertEquals("v1", a.registry.current().orElseThrow().version());
    }

    @Test
    void aTargetSnapshotNamesMissingFiles() {
        PointerWatcher.Target t = PointerWatcher.Target.of(dir, "nothing");
        assertNull(t.modelJson());
        assertEquals(-1, t.indexSize());
    }

    private PointerWatcher watcher(Recorder events) {
        ModelRegistry registry = new ModelRegistry();
        registry.storage = new StorageSettings() {
            @Override
            public Path modelsDir() {
                return dir;
            }
        };
        registry.activated = events;
        registry.init();
        PointerWatcher watcher = new PointerWatcher();
        watcher.registry = registry;
        return watcher;
    }

    private static void save(ModelStore store, String version, long seed) throws Exception {
        store.save(Trainer.train(Fixtures.families(300, 4, 0.1, seed), TrainingConfig.defaults(), version, CLOCK));
    }

    /** Records fired events (the CDI event outside a container). */
    static final class Recorder implements Event<ModelActivated> {
        final List<ModelActivated> fired = new ArrayList<>();

        @Override
        public void fire(ModelActivated event) {
            fired.add(event);
        }

        @Override
        public <U extends ModelActivated> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ModelActivated> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<ModelActivated> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ModelActivated> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ModelActivated> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
