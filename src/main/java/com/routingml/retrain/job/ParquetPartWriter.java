package com.routingml.retrain.job;

import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.retrain.dataset.ExtractRow;
import com.routingml.retrain.dataset.ParquetParts;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Extract writer: one Parquet part file per chunk, written under a temporary name and renamed when
 * complete. Its checkpoint is the number of committed parts: on restart, parts written after the
 * last commit are deleted and rewritten from the reader's checkpoint, so none is duplicated.
 */
@Named("parquetPartWriter")
@Dependent
public class ParquetPartWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(ParquetPartWriter.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    /** Parquet compression codec (default ZSTD). */
    @Inject
    @BatchProperty
    String codec;

    private DatasetLayout layout;
    private Schema schema;
    private CompressionCodecName compression;
    private int nextPart;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            RunState s = runs.get(job.getInstanceId());
            compression = ParquetParts.codec(codec == null || codec.isBlank() ? "ZSTD" : codec);
            layout = new DatasetLayout(Path.of(s.settings.datasetRoot()), s.month);
            schema = ParquetParts.schema(ExtractSource.of(step).extract().columns());
            if (checkpoint == null) {
                layout.prepareFresh(job.getInstanceId());
                nextPart = 0;
            } else {
                nextPart = (Integer) checkpoint;
                layout.prepareRestart(job.getInstanceId(), nextPart);
                LOG.info(() -> "extract resumes writing " + layout.dir() + " at part " + nextPart);
            }
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            throw e;
        }
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<ExtractRow> rows = new ArrayList<>(items.size());
        for (Object o : items) {
            rows.add((ExtractRow) o);
        }
        Path p = layout.writePart(nextPart, schema, compression, rows);
        nextPart++;
        LOG.fine(() -> "wrote " + rows.size() + " rows to " + p);
    }

    @Override
    public Serializable checkpointInfo() {
        return nextPart;
    }
}
