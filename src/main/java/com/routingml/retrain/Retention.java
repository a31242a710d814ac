package com.routingml.retrain;

import com.routingml.model.ModelMetadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which model versions retention deletes: those created before the cutoff, except the active
 * version, the previous one (the rollback target) and any version the caller protects (this run's
 * candidate). Pure: the batchlet does the deleting and the logging.
 */
public final class Retention {

    private Retention() {
    }

    /**
     * The rollback target when the history does not name one: the newest version created before
     * the active one.
     */
    public static Optional<String> previousByAge(List<ModelMetadata> versions, String active) {
        Optional<ModelMetadata> act = versions.stream().filter(m -> m.version().equals(active)).findFirst();
        if (act.isEmpty() || act.get().createdAt() == null) {
            return Optional.empty();
        }
        Instant at = act.get().createdAt();
        return versions.stream().filter(m -> m.createdAt() != null && m.createdAt().isBefore(at))
                .max(Comparator.comparing(ModelMetadata::createdAt)).map(ModelMetadata::version);
    }

    /** Versions to delete, oldest first. */
    public static List<String> select(List<ModelMetadata> versions, Instant cutoff,
            Collection<String> protectedVersions) {
        Set<String> keep = protectedVersions.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        List<ModelMetadata> old = new ArrayList<>(versions.stream()
                .filter(m -> m.createdAt() != null && m.createdAt().isBefore(cutoff)
                        && !keep.contains(m.version())).toList());
        old.sort(Comparator.comparing(ModelMetadata::createdAt));
        return old.stream().map(ModelMetadata::version).toList();
    }

    public static List<String> protect(String... versions) {
        return Stream.of(versions).filter(Objects::nonNull).toList();
    }
}
