package com.routingml.retrain;

import com.routingml.storage.AtomicFiles;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Comparison reports, stored next to the candidate's model files as {@code comparison.json}. */
@ApplicationScoped
public class Reports {

    public static final String FILE = "comparison.json";

    @Inject
    ModelRegistry active;

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    public void save(ComparisonReport r) throws IOException {
        AtomicFiles.write(dir(r.candidateVersion()).resolve(FILE), jsonb.toJson(r));
    }

    /** The report of a version, if it was compared by a retraining run. */
    public Optional<ComparisonReport> find(String version) throws IOException {
        if (!ModelStore.isValidVersion(version)) {
            return Optional.empty();
        }
        try {
            return Optional.of(jsonb.fromJson(Files.readString(dir(version).resolve(FILE), StandardCharsets.UTF_8),
                    ComparisonReport.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path dir(String version) {
        return active.store().root().resolve(version);
    }
}
