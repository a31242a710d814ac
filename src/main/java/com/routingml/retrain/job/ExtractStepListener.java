package com.routingml.retrain.job;

import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import com.routingml.retrain.dataset.DatasetColumn;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.retrain.dataset.DatasetManifest;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.retrain.dataset.ParquetParts;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import org.apache.avro.Schema;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the Access file before the extract step and completes the step after it.
 *
 * <p>{@code beforeStep} opens the file ({@link ExtractSource}): the batch runtime calls it outside
 * any transaction, so UCanAccess's minutes-long copy of a large file into its mirror cannot hit a
 * transaction timeout. {@code afterStep} closes it, and when the step succeeded counts the committed
 * parts' rows from their footers, fails the step with a clear message when there are fewer than the
 * minimum, and writes the manifest (last, atomically: a dataset without a manifest is incomplete).
 * After a failed step it checks nothing: the parts of a failed step say nothing about the source, and
 * the real cause is already recorded (by the reader, the writer or {@link ExtractChunkListener}).
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
    public void beforeStep() throws Exception {
        try {
            RunState s = runs.get(job.getInstanceId());
            Path file = Path.of(s.settings.accessFile());
            LOG.info(() -> "retraining job instance " + job.getInstanceId() + ": opening " + file + " for the extract");
            ExtractSource source = ExtractSource.open(file);
            step.setTransientUserData(source);
            LOG.info(() -> String.format(Locale.ROOT,
                    "retraining job instance %d: opened %s in %.1f s (%d dataset columns)",
                    job.getInstanceId(), file, source.openedIn().toMillis() / 1e3, source.extract().columns().size()));
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            throw e;
        }
    }

    @Override
    public void afterStep() throws Exception {
        ExtractSource source = step.getTransientUserData() instanceof ExtractSource x ? x : null;
        try {
            if (step.getException() == null && step.getBatchStatus() != BatchStatus.FAILED) {
                complete(source);
            }
        } finally {
            if (source != null) {
                source.close();
            }
            restoreDefaultTransactionTimeout();
        }
    }

    /**
     * The runtime applies the step's transaction timeout with {@code UserTransaction.setTransactionTimeout},
     * which JTA keeps per thread; put the server default back, so the pooled thread does not carry this
     * step's timeout (1800 s by default, or whatever a run asked for) into unrelated work, such as the
     * next job's reader and writer opening.
     */
    private static void restoreDefaultTransactionTimeout() {
        try {
            UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
            tx.setTransactionTimeout(0);
        } catch (NamingException | SystemException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot restore the default transaction timeout", e);
        }
    }

    private void complete(ExtractSource source) throws Exception {
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
                throw new IllegalStateException("extract found only " + rows + " routing rows in "
                        + s.settings.accessFile() + "; at least " + s.settings.minRows()
                        + " are needed to retrain (routingml.retrain.min-rows)");
            }
            List<DatasetColumn> columns = source == null ? List.of() : source.extract().columns();
            Schema schema = ParquetParts.schema(columns);
            boolean newest = s.settings.extract() == ExtractScope.NEWEST;
            DatasetManifest m = new DatasetManifest(DatasetManifest.FORMAT_VERSION, s.month, s.instanceId,
                    Instant.now(), s.settings.accessFile(), rows, newest ? s.settings.maxRows() : null,
                    codec == null || codec.isBlank() ? "ZSTD" : codec.trim(), parts, columns, schema.toString(),
                    s.settings.extract().parameter(), s.validOn);
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
