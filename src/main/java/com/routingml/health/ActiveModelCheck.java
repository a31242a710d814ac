package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An active model serves predictions and its version is intact in the model store: the version
 * directory still holds a readable {@code model.json} and {@code index.bin}. A store that lost the
 * served version cannot reload it on restart or fail-over, so the node is taken out of rotation
 * before that bites. The {@code active} pointer is reported; naming another version than the served
 * one (an activation in progress, another server's promotion not yet followed, or a target that
 * {@link ModelRegistry} refused to load) is shown, not failed.
 *
 * <p>Checks file metadata only; the index checksum is verified when a version is loaded.
 */
@ApplicationScoped
public class ActiveModelCheck implements DependencyCheck {

    @Inject
    ModelRegistry active;

    @Inject
    StartupService startup;

    @Override
    public String name() {
        return "active_model";
    }

    @Override
    public boolean degradesOnly() {
        return false;
    }

    @Override
    public DependencyState check() {
        RoutingModel m = active.current().orElse(null);
        if (m == null) {
            StartupService.State s = startup.state();
            return DependencyState.down("no model loaded (start-up " + s.phase() + ": " + s.message() + ")");
        }
        return probe(active.store().root(), m.version());
    }

    /** Checks that {@code version} is intact under {@code root} (package-visible for tests). */
    static DependencyState probe(Path root, String version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        Path dir = root.resolve(version);
        for (String f : new String[] {ModelStore.MODEL_JSON, ModelStore.INDEX_BIN}) {
            Path file = dir.resolve(f);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                data.put("missing", file.toString());
                return DependencyState.down("served model " + version
                        + " is missing from the store: no readable " + file, data);
            }
        }
        try {
            String pointer = Files.readString(root.resolve(ModelStore.ACTIVE), StandardCharsets.UTF_8).trim();
            data.put("active_pointer", pointer);
        } catch (NoSuchFileException e) {
            data.put("active_pointer", "");
        } catch (IOException e) {
            data.put("active_pointer", "unreadable: " + e.getMessage());
        }
        return DependencyState.up("serving model " + version + " from " + dir, data);
    }
}
