package com.routingml.access;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * One row of {@code dbo_BI_ITEM_INFO_VIEW}: the item code plus the raw attribute values by
 * column name, as read (or as given by an API caller for a new item).
 *
 * <p>Values are kept raw ({@link String}, {@link Number} or absent for SQL NULL); turning them
 * into features is the job of the model's encoder, so that training and prediction share one
 * encoding path (the earlier system encoded NULLs differently in each).
 *
 * @param itemCode   ITEM_CD; may be {@code null} for an item that is not in the database yet
 * @param attributes column name to raw value; NULLs are simply absent. Kept as an immutable
 *                   {@link ItemAttributes} (copied unless it is one already)
 * @param firstSeen  the earliest routing INSRT_DT of this item, or {@code null} when unknown;
 *                   the time-based holdout split orders items by it
 */
public record Item(String itemCode, Map<String, Object> attributes, LocalDateTime firstSeen) {

    public Item {
        Objects.requireNonNull(attributes, "attributes");
        attributes = ItemAttributes.copyOf(attributes);
    }

    public Item withFirstSeen(LocalDateTime when) {
        return new Item(itemCode, attributes, when);
    }

    /** The raw value of a column, or {@code null} when it is NULL/absent. */
    public Object get(String column) {
        return attributes.get(column);
    }
}
