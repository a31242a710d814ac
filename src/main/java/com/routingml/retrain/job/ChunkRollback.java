package com.routingml.retrain.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Names a chunk step's failure that is really a rolled-back transaction. The batch runtime reports
 * a transaction that timed out only as a {@code RollbackException} from its commit (wrapped in its
 * own {@code TransactionManagementException}); the step itself sees no exception and nothing says
 * "timeout". Without this, the extract would go on to count its parts and fail with a
 * misleading "found only 0 routing rows". Pure logic, so the wording is unit-tested.
 */
final class ChunkRollback {

    /** The step property Liberty's batch container (26.0.0.3) reads for a chunk's transaction timeout. */
    static final String TIMEOUT_PROPERTY = "javax.transaction.global.timeout";

    /** By simple name: the API classes are jakarta or javax, the batch runtime's wrapper is internal to Liberty. */
    private static final Set<String> ROLLBACKS = Set.of("RollbackException", "TransactionRolledbackException",
            "HeuristicRollbackException", "TransactionManagementException");

    private ChunkRollback() {
    }

    /**
     * The failure reason when {@code error} is (or follows) a rolled-back or timed-out transaction.
     *
     * @param step           the step's name
     * @param error          what the runtime passed to {@code ChunkListener.onError}
     * @param chunkAge       how long the current chunk's transaction had run; {@code null} when no
     *                       chunk had started (the reader and writer were opening)
     * @param timeoutSeconds the chunk transaction timeout, if known
     * @return empty when the error is neither a rollback nor raised after the timeout
     */
    static Optional<String> describe(String step, Throwable error, Duration chunkAge, Integer timeoutSeconds) {
        boolean timedOut = chunkAge != null && timeoutSeconds != null && timeoutSeconds > 0
                && chunkAge.compareTo(Duration.ofSeconds(timeoutSeconds)) >= 0;
        if (!timedOut && !isRollback(error)) {
            return Optional.empty();
        }
        String reason = reason(error);
        if (timedOut) {
            return Optional.of(String.format(Locale.ROOT,
                    "step %s's chunk transaction timed out and was rolled back: it ran %d s, "
                            + "longer than its transaction timeout of %d s (job parameter transactionTimeout); "
                            + "nothing after the last committed chunk was kept (%s)",
                    step, chunkAge.toSeconds(), timeoutSeconds, reason));
        }
        if (chunkAge == null) {
            return Optional.of("step " + step + "'s transaction was rolled back while its reader and writer opened "
                    + "(the server's default transaction timeout applies there, not transactionTimeout): " + reason);
        }
        return Optional.of(String.format(Locale.ROOT, "step %s's chunk transaction was rolled back after %d s%s: %s",
                step, chunkAge.toSeconds(),
                timeoutSeconds == null ? "" : " (transaction timeout " + timeoutSeconds + " s)", reason));
    }

    /** A transaction rollback anywhere in the cause chain (jakarta or javax, or the batch runtime's wrapper). */
    static boolean isRollback(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (ROLLBACKS.contains(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, as "SimpleName: message" (the runtime's wrappers only repeat it). */
    static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg.trim());
    }

    /** The timeout from the step property, or {@code null} when absent or not a number. */
    static Integer timeoutSeconds(String property) {
        if (property == null || property.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(property.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
