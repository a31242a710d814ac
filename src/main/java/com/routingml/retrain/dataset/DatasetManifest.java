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
 * @param maxRows         the row limit of an extract of the newest rows; null for the whole catalog
 * @param codec           Parquet compression codec
 * @param parts           part files with their row counts, in extract order
 * @param columns         the schema: field name, type and source column
 * @param avroSchema      the Avro schema of the part files, as JSON
 * @param extract         what was extracted, {@code catalog} or {@code newest} ({@link ExtractScope}); null in format 1
 *                        (the newest rows)
 * @param validOn         the day the extracted rows are in force on, {@code YYYY-MM-DD}; null when not judged
 */
public record DatasetManifest(int formatVersion, String month, long jobInstanceId, Instant createdAt, String source,
                              long rows, Long maxRows, String codec, List<Part> parts, List<DatasetColumn> columns,
                              String avroSchema, String extract, String validOn) {

    /** Format 2 adds {@code extract} and {@code validOn}, and the validity columns to the parts. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format still read. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    /** One part file. */
    public record Part(String file, long rows) {
    }
}
