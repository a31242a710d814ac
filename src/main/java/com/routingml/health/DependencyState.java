package com.routingml.health;

import java.util.Map;

/**
 * The outcome of one {@link DependencyCheck}.
 *
 * @param up     whether the dependency is usable
 * @param detail what was found, for a person (names the file or version)
 * @param data   further facts for the probe output (string, number or boolean values)
 */
public record DependencyState(boolean up, String detail, Map<String, Object> data) {

    public DependencyState {
        if (detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a dependency state needs a detail, was '" + detail + "'");
        }
        data = Map.copyOf(data);
    }

    public static DependencyState up(String detail, Map<String, Object> data) {
        return new DependencyState(true, detail, data);
    }

    public static DependencyState down(String detail, Map<String, Object> data) {
        return new DependencyState(false, detail, data);
    }

    public static DependencyState down(String detail) {
        return new DependencyState(false, detail, Map.of());
    }
}
