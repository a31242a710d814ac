package com.routingml.retrain.job;

import com.routingml.retrain.RunStore;
import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Chunk listener of the extract step: when a chunk fails because its transaction was rolled back
 * (typically the transaction timeout), records that as the run's failure reason ({@link ChunkRollback}),
 * so the exit status and the failure notice name it. The runtime calls {@code onError} for any
 * failure between opening the reader and committing the last chunk, after closing the reader and
 * writer, and before the step listeners' {@code afterStep}.
 */
@Named("extractChunkListener")
@Dependent
public class ExtractChunkListener extends AbstractChunkListener {

    private static final Logger LOG = Logger.getLogger(ExtractChunkListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    /**
     * When the current chunk's transaction began (0: no chunk yet). Not reset by afterChunk: the
     * commit comes after it.
     */
    private long chunkStarted;

    @Override
    public void beforeChunk() {
        chunkStarted = System.nanoTime();
    }

    @Override
    public void onError(Exception ex) {
        Duration age = chunkStarted == 0 ? null : Duration.ofNanos(System.nanoTime() - chunkStarted);
        Integer timeout = ChunkRollback.timeoutSeconds(step.getProperties()
                .getProperty(ChunkRollback.TIMEOUT_PROPERTY));
        ChunkRollback.describe(step.getStepName(), ex, age, timeout).ifPresent(reason -> {
            LOG.severe("retraining job instance " + job.getInstanceId() + ": " + reason);
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), reason);
        });
    }
}
