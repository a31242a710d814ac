package com.routingml.retrain;

import com.routingml.storage.AtomicFiles;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.storage.StorageSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Run states of retraining job instances, one JSON file each under
 * {@code <routingml.data.dir>/retrain/runs/}. Updates are read-modify-write under a lock and
 * replace the file atomically.
 */
@ApplicationScoped
public class RunStore {

    @Inject
    StorageSettings storage;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true));
    private Path root;

    @PostConstruct
    void init() {
        root = storage.dataDir().resolve("retrain").resolve("runs");
    }

    /** For tests and tools outside CDI. */
    public static RunStore at(Path root) {
        RunStore s = new RunStore();
        s.root = root;
        return s;
    }

    private Path file(long instanceId) {
        return root.resolve("instance-" + instanceId + ".json");
    }

    public synchronized Optional<RunState> find(long instanceId) {
        try {
            return Optional.of(jsonb.fromJson(Files.readString(file(instanceId), StandardCharsets.UTF_8), RunState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read retraining run state " + file(instanceId), e);
        } catch (JsonbException e) {
            throw new IllegalStateException("corrupt retraining run state " + file(instanceId) + ": " + e.getMessage(), e);
        }
    }

    /** The state of an instance that has started. */
    public RunState get(long instanceId) {
        return find(instanceId).orElseThrow(() -> new IllegalStateException("no run state for retraining job instance " + instanceId
                + " in " + root));
    }

    public synchronized void save(RunState s) {
        try {
            Files.createDirectories(root);
            AtomicFiles.write(file(s.instanceId), jsonb.toJson(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write retraining run state " + file(s.instanceId), e);
        }
    }

    /** Applies {@code change} to the stored state and saves it. */
    public synchronized RunState update(long instanceId, Consumer<RunState> change) {
        RunState s = get(instanceId);
        change.accept(s);
        save(s);
        return s;
    }
}
