package com.routingml.retrain;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the batch runtime with the application. Liberty marks the executions that this server
 * left running when it crashed as FAILED when its batch runtime starts, and the runtime starts
 * lazily, at the first batch call. Until then the shared job repository shows such a run as still
 * running, and no server can restart it (docs/monthly_retraining_setup.md, "Restart anywhere").
 */
@ApplicationScoped
public class BatchRecovery {

    private static final Logger LOG = Logger.getLogger(BatchRecovery.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    BatchIdentity identity;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor.submit(() -> {
            try {
                int jobs = identity.call(() -> BatchRuntime.getJobOperator().getJobNames().size());
                LOG.fine(() -> "batch runtime started (" + jobs + " job names in the repository)");
            } catch (RuntimeException e) {
                // e.g. the job repository's database is down: the first batch call recovers instead
                LOG.log(Level.WARNING, "batch runtime not started with the application: " + e.getMessage()
                        + "; executions this server left running are marked FAILED at its first batch call", e);
            }
        });
    }
}
