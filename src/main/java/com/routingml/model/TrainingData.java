package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Routing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What training reads: the item master, the routings by ITEM_CD, and where they came from.
 *
 * @param items       item master rows
 * @param columns     all item master column names (for NULL ratios, including all-NULL columns)
 * @param routings    routings by ITEM_CD
 * @param routingRows number of routing operation rows behind {@code routings}
 * @param source      file the data was read from
 * @param sha256      SHA-256 of the source file
 * @param validOn     the day the routings are in force on (null: not judged, every routing read)
 */
public record TrainingData(List<Item> items, List<String> columns, Map<String, List<Routing>> routings,
                           int routingRows, String source, String sha256, LocalDate validOn) {

    public TrainingData {
        items = List.copyOf(items);
        columns = List.copyOf(columns);
        routings = Map.copyOf(routings);
    }

    /** Data whose routings were not judged by a day. */
    public TrainingData(List<Item> items, List<String> columns, Map<String, List<Routing>> routings,
                        int routingRows, String source, String sha256) {
        this(items, columns, routings, routingRows, source, sha256, null);
    }
}
