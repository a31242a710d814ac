package com.routingml.retrain;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.avro.Schema;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Completes the extract: counts the committed parts' rows from their footers, fails the step with
 * a clear message when there are fewer than the minimum, and writes the manifest (last, atomically:
 * a dataset without a manifest is incomplete).
 */
@Named("extractStepListener")
@Dependent
public class ExtractStepListener implements StepListener {

    private static final Logger LOG = Logger.getLogger(ExtractStepListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    @Inject
    @BatchProperty
    String codec;

    @Override
    public void beforeStep() {
    }

    @Override
    public void afterStep() throws Exception {
        if (step.getException() != null) {
            return;
        }
        RunState s = runs.get(job.getInstanceId());
        try {
            DatasetLayout layout = new DatasetLayout(Path.of(s.settings.datasetRoot()), s.month);
            List<DatasetManifest.Part> parts = new ArrayList<>();
            long rows = 0;
            for (Path p : layout.parts()) {
                long n = ParquetParts.rowCount(p);
                parts.add(new DatasetManifest.Part(p.getFileName().toString(), n));
                rows += n;
            }
            if (rows < s.settings.minRows()) {
                throw new IllegalStateException("extract found only " + rows + " routing rows in " + s.settings.accessFile()
                        + "; at least " + s.settings.minRows() + " are needed to retrain (routingml.retrain.min-rows)");
            }
            RoutingExtract extract = (RoutingExtract) step.getTransientUserData();
            List<DatasetColumn> columns = extract == null ? List.of() : extract.columns();
            Schema schema = ParquetParts.schema(columns);
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT_VERSION, s.month, s.instanceId, Instant.now(),
                    s.settings.accessFile(), rows, s.settings.maxRows(), codec == null || codec.isBlank() ? "ZSTD" : codec.trim(),
                    parts, columns, schema.toString());
            layout.writeManifest(m);
            long total = rows;
            runs.update(s.instanceId, x -> x.datasetRows = total);
            LOG.info(() -> "dataset " + layout.dir() + " complete: " + total + " rows in " + parts.size() + " parts");
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            throw e;
        }
    }
}
