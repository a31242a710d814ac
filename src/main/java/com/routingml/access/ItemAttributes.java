package com.routingml.access;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The attribute values of an item as an immutable map, in column order, NULLs absent. The items of
 * one load share their {@link Columns}, and each keeps only an array of its values: a hash map per
 * item would take most of the heap a first-start training has at production size (hundreds of
 * thousands of items with some thirty values each), an array a small part of it.
 */
public final class ItemAttributes extends AbstractMap<String, Object> {

    /** Column names in order, with their positions; shared by the items of a load. */
    public static final class Columns {
        private final String[] names;
        private final Map<String, Integer> position;

        /** @throws IllegalArgumentException when a name is null or given twice */
        public Columns(List<String> names) {
            this.names = names.toArray(String[]::new);
            this.position = new HashMap<>(this.names.length * 2);
            for (int i = 0; i < this.names.length; i++) {
                if (this.names[i] == null || position.put(this.names[i], i) != null) {
                    throw new IllegalArgumentException("column names must be distinct and not null: " + names);
                }
            }
        }

        /** The position of {@code column}, or -1 when it is not one of these columns. */
        public int position(String column) {
            Integer p = position.get(column);
            return p == null ? -1 : p;
        }

        public int size() {
            return names.length;
        }

        /** An empty set of values for these columns. */
        public Builder builder() {
            return new Builder(this);
        }
    }

    /** Collects one item's values by column position; not reusable after {@link #build()}. */
    public static final class Builder {
        private final Columns columns;
        private Object[] values;

        private Builder(Columns columns) {
            this.columns = columns;
            this.values = new Object[columns.size()];
        }

        /** Sets the value of the column at {@code position} (null: NULL). */
        public Builder set(int position, Object value) {
            values[position] = value;
            return this;
        }

        public ItemAttributes build() {
            ItemAttributes a = new ItemAttributes(columns, values);
            values = null;
            return a;
        }
    }

    private final Columns columns;
    private final Object[] values;
    private final int size;

    private ItemAttributes(Columns columns, Object[] values) {
        this.columns = columns;
        this.values = values;
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        this.size = n;
    }

    /** The same entries (null values left out), in the map's iteration order. */
    public static ItemAttributes copyOf(Map<String, ?> map) {
        if (map instanceof ItemAttributes a) {
            return a;
        }
        Columns columns = new Columns(List.copyOf(map.keySet()));
        Builder b = columns.builder();
        int i = 0;
        for (Object v : map.values()) {
            b.set(i++, v);
        }
        return b.build();
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String column)) {
            return null;
        }
        int p = columns.position(column);
        return p < 0 ? null : values[p];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(columns.names[next], values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("item attributes are immutable");
    }
}
