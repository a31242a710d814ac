package com.routingml.retrain.dataset;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads and writes dataset part files: plain Parquet through parquet-avro on local files, without
 * a Hadoop configuration ({@link PlainParquetConfiguration}, generic Avro data model).
 */
public final class ParquetParts {

    private ParquetParts() {
    }

    /** The Avro record schema of a dataset (every field nullable, NULL first). */
    public static Schema schema(List<DatasetColumn> columns) {
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record("RoutingRow")
                .namespace("com.routingml.dataset").fields();
        for (DatasetColumn c : columns) {
            Schema base = switch (c.type()) {
                case STRING -> Schema.create(Schema.Type.STRING);
                case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
                case INT -> Schema.create(Schema.Type.INT);
                case TIMESTAMP -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            };
            f = f.name(c.name()).doc(c.source()).type(Schema.createUnion(Schema.create(Schema.Type.NULL), base))
                    .withDefault(null);
        }
        return f.endRecord();
    }

    /** Parses a codec name (UNCOMPRESSED, SNAPPY, ZSTD, GZIP, ...), naming the bad value on failure. */
    public static CompressionCodecName codec(String name) {
        try {
            return CompressionCodecName.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Parquet codec '" + name
                    + "'; use one of UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW", e);
        }
    }

    /** Writes rows to {@code file} (overwriting it) and syncs it to disk. */
    public static void write(Path file, Schema schema, CompressionCodecName codec,
            List<ExtractRow> rows) throws IOException {
        List<Schema.Field> fields = schema.getFields();
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (ExtractRow row : rows) {
                GenericData.Record r = new GenericData.Record(schema);
                for (int i = 0; i < fields.size(); i++) {
                    r.put(i, row.values()[i]);
                }
                w.write(r);
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Row count from the file footer (no data pages read). */
    public static long rowCount(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return r.getRecordCount();
        }
    }

    /** Streams the records of one part. */
    public static void read(Path file, Consumer<GenericRecord> sink) throws IOException {
        try (ParquetReader<GenericRecord> r = AvroParquetReader
                .<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .build()) {
            for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
                sink.accept(rec);
            }
        }
    }
}
