package com.routingml.retrain.dataset;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json} of a training dataset directory: written last, atomically, when the
 * extract step completes; a dataset without it is incomplete and never trained from.
 *
 * @param formatVersion   this manifest's format ({@link #FORMAT_VERSION})
 * @param month           the dataset's month, {@code YYYYMM}
 * @param jobInstanceId   the retraining job instance that wrote it
 * @param createdAt       when it was completed
 * @param source          the Access file read
 * @param rows            rows over all parts
 * @param maxRows         the configured row limit (newest first)
 * @param codec           Parquet compression codec
 * @param parts           part files with their row counts, in extract order
 * @param columns         the schema: field name, type and source column
 * @param avroSchema      the Avro schema of the part files, as JSON
 */
public record DatasetManifest(int formatVersion, String month, long jobInstanceId, Instant createdAt, String source,
                              long rows, long maxRows, String codec, List<Part> parts, List<DatasetColumn> columns,
                              String avroSchema) {

    public static final int FORMAT_VERSION = 1;

    /** One part file. */
    public record Part(String file, long rows) {
    }
}
