package com.routingml.model;

import java.time.Instant;
import java.util.Map;

/**
 * Where a model version came from, so it can be explained and rebuilt.
 *
 * @param dataSource       the Access file (or Parquet dataset) trained from
 * @param dataSha256       SHA-256 of that file's bytes (of the dataset manifest for Parquet)
 * @param items            item master rows read
 * @param routedItems      items with at least one routing in force (the index size)
 * @param routingRows      routing operation rows read
 * @param trainingItems    routed items used to fit the evaluated model
 * @param holdoutItems     newest routed items held out
 * @param holdoutFrom      first routing INSRT_DT of the oldest held-out item (the split time)
 * @param trainedAt        when training finished
 * @param durationMillis   training wall time
 * @param libraries        library and runtime versions
 * @param validOn          the day the routings were in force on ({@code YYYY-MM-DD}); null when not
 *                         judged (models trained before routing validity was read)
 */
public record Provenance(String dataSource, String dataSha256, int items, int routedItems, int routingRows,
                         int trainingItems, int holdoutItems, String holdoutFrom, Instant trainedAt,
                         long durationMillis, Map<String, String> libraries, String validOn) {
}
