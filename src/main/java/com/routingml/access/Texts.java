package com.routingml.access;

import java.util.HashMap;
import java.util.Map;

/**
 * One String instance per distinct text of a load. The drivers (UCanAccess, Parquet) return a new
 * String for every value read, while a production-size item master and its routings repeat a few
 * thousand texts (job names, work centres, materials) millions of times: kept as read, the
 * duplicates would fill much of the heap a load and a training share. Not thread-safe; one per load.
 */
public final class Texts {

    private final Map<String, String> seen = new HashMap<>();

    /** The first instance seen of a text equal to {@code s} (null for null). */
    public String of(String s) {
        if (s == null) {
            return null;
        }
        String first = seen.putIfAbsent(s, s);
        return first == null ? s : first;
    }
}
