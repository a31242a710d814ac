package com.routingml.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dependency states of one background refresh: immutable, replaced as a whole.
 *
 * @param refreshedAt when the refresh finished ({@code null}: never refreshed yet)
 * @param states      dependency name to state, in check order
 * @param degradeOnly names of the dependencies whose failure only degrades the service
 */
public record DependencySnapshot(Instant refreshedAt, Map<String, DependencyState> states,
        java.util.Set<String> degradeOnly) {

    /** Before the first refresh. */
    public static final DependencySnapshot NONE = new DependencySnapshot(null, Map.of(), java.util.Set.of());

    public DependencySnapshot {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        degradeOnly = java.util.Set.copyOf(degradeOnly);
    }

    /** How old the states are at {@code now}; {@code null} when never refreshed. */
    public Duration age(Instant now) {
        return refreshedAt == null ? null : Duration.between(refreshedAt, now);
    }

    /** Whether the states may no longer be trusted: never refreshed, or older than {@code bound}. */
    public boolean stale(Instant now, Duration bound) {
        return refreshedAt == null || age(now).compareTo(bound) > 0;
    }

    /** Whether every dependency was up (and there was a refresh). */
    public boolean allUp() {
        return refreshedAt != null && states.values().stream().allMatch(DependencyState::up);
    }

    /** Whether a dependency whose failure stops the service (not merely degrades it) is down. */
    public boolean criticalDown() {
        return states.entrySet().stream().anyMatch(e -> !e.getValue().up() && !degradeOnly.contains(e.getKey()));
    }
}
