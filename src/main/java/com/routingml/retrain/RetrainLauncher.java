package com.routingml.retrain;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Starts {@code monthly-retrain}, at most one execution at a time: a start while one is running
 * (starting, started or stopping) is refused with {@link AlreadyRunning}.
 */
@ApplicationScoped
public class RetrainLauncher {

    public static final String JOB = "monthly-retrain";
    /** Job parameter carrying the one-time approval of a per-run {@code accessFile} (see {@link #start}). */
    public static final String APPROVAL = "accessFileApproval";
    private static final Logger LOG = Logger.getLogger(RetrainLauncher.class.getName());

    /** Refusal: an execution is running. */
    public static final class AlreadyRunning extends RuntimeException {
        private final long executionId;

        AlreadyRunning(long executionId) {
            super("retraining execution " + executionId + " is still running; at most one runs at a time");
            this.executionId = executionId;
        }

        public long executionId() {
            return executionId;
        }
    }

    /**
     * One-time approvals of per-run {@code accessFile} parameters given to {@link #start}. Its
     * callers are the admin-only REST resource and the scheduler; anyone with the batch submitter
     * role can also submit the job over {@code /ibm/api/batch} with any parameters, and such a run
     * has no approval, so it cannot point the job at another file.
     */
    private final Set<String> approvals = ConcurrentHashMap.newKeySet();

    /** A started execution. */
    public record Started(long executionId, long instanceId, String trigger) {
    }

    /**
     * @param trigger what started it (schedule, api:user, drift)
     * @param params  job parameters (settings overrides), may be empty
     * @throws AlreadyRunning when an execution is running
     */
    public synchronized Started start(String trigger, Properties params) {
        JobOperator op = BatchRuntime.getJobOperator();
        Optional<Long> running = running(op);
        if (running.isPresent()) {
            throw new AlreadyRunning(running.get());
        }
        Properties p = new Properties();
        p.putAll(params);
        p.setProperty("trigger", trigger);
        p.remove(APPROVAL);
        if (p.getProperty("accessFile") != null) {
            String token = UUID.randomUUID().toString();
            approvals.add(token);
            p.setProperty(APPROVAL, token);
        }
        long id = op.start(JOB, p);
        long instance = op.getJobInstance(id).getInstanceId();
        LOG.info(() -> "started retraining execution " + id + " (job instance " + instance + ", trigger "
                + trigger + ")");
        return new Started(id, instance, trigger);
    }

    /** Whether {@code token} approves a per-run {@code accessFile}; each approval is used once. */
    public boolean consumeApproval(String token) {
        return token != null && approvals.remove(token);
    }

    /** The running execution, if any. */
    public Optional<Long> running() {
        return running(BatchRuntime.getJobOperator());
    }

    private static Optional<Long> running(JobOperator op) {
        if (!hasRuns(op)) {
            return Optional.empty();
        }
        List<Long> ids = op.getRunningExecutions(JOB);
        return ids.stream().max(Long::compare);
    }

    /**
     * Whether the job repository knows the retraining job. Asked first because the batch runtime
     * answers a job without instances with a {@code NoSuchJobException}, which Liberty records as
     * an FFDC incident every time.
     */
    public static boolean hasRuns(JobOperator op) {
        return op.getJobNames().contains(JOB);
    }
}
