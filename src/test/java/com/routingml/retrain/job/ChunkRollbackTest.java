package com.routingml.retrain.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkRollbackTest {

    /** Stand-ins named like the runtime's classes: detection goes by class name (jakarta or javax, IBM wrapper). */
    static final class TransactionManagementException extends RuntimeException {
        TransactionManagementException(Throwable cause) {
            super(cause);
        }
    }

    /** As Liberty's commit of a timed-out transaction throws it: {@code jakarta.transaction.RollbackException}. */
    static jakarta.transaction.RollbackException rollback(String message) {
        return new jakarta.transaction.RollbackException(message);
    }

    @Test
    void aChunkThatOutlivedItsTimeoutIsReportedAsATimeoutWithBothDurations() {
        Optional<String> d = ChunkRollback.describe("extract", new TransactionManagementException(rollback(null)),
                Duration.ofMillis(2_600), 1);
        assertEquals("step extract's chunk transaction timed out and was rolled back: it ran 2 s, longer than its "
                + "transaction timeout of 1 s (job parameter transactionTimeout); nothing after the last committed "
                + "chunk was kept (RollbackException)", d.orElseThrow());
    }

    @Test
    void afterTheTimeoutAnyErrorIsTheTimeoutsDoing() {
        // e.g. the checkpoint update on a connection whose transaction the timeout already rolled back
        String d = ChunkRollback.describe("extract",
                new IllegalStateException("wrapped", new java.sql.SQLException("no current transaction")),
                Duration.ofSeconds(1801), 1800).orElseThrow();
        assertTrue(d.startsWith("step extract's chunk transaction timed out"), d);
        assertTrue(d.endsWith("(SQLException: no current transaction)"), d);
    }

    @Test
    void aRollbackBeforeTheTimeoutSaysRolledBackWithTheRootReason() {
        String d = ChunkRollback.describe("extract",
                new TransactionManagementException(rollback("marked rollback-only by a resource")),
                Duration.ofSeconds(3), 1800).orElseThrow();
        assertEquals("step extract's chunk transaction was rolled back after 3 s (transaction timeout 1800 s): "
                + "RollbackException: marked rollback-only by a resource", d);
    }

    @Test
    void aRollbackWhileOpeningNamesTheServerDefaultNotTheStepProperty() {
        String d = ChunkRollback.describe("extract", new TransactionManagementException(rollback(null)), null, 1800)
                .orElseThrow();
        assertTrue(d.startsWith("step extract's transaction was rolled back while its reader and writer opened"), d);
        assertTrue(d.contains("not transactionTimeout"), d);
    }

    @Test
    void otherErrorsWithinTheTimeoutAreLeftToTheirOwnReporters() {
        assertFalse(ChunkRollback.describe("extract", new java.sql.SQLException("cannot read"),
                Duration.ofSeconds(5), 1800).isPresent());
        assertFalse(ChunkRollback.describe("extract", new IllegalStateException("x"), null, 1800).isPresent());
        assertFalse(ChunkRollback.describe("extract", new IllegalStateException("x"), Duration.ofSeconds(5), null)
                .isPresent());
    }

    @Test
    void rollbackDetectionFollowsTheCauseChain() {
        assertTrue(ChunkRollback.isRollback(new RuntimeException(new RuntimeException(rollback("x")))));
        assertTrue(ChunkRollback.isRollback(new TransactionManagementException(null)));
        assertFalse(ChunkRollback.isRollback(new RuntimeException("rollback in the message only")));
    }

    @Test
    void timeoutPropertyParses() {
        assertEquals(1800, ChunkRollback.timeoutSeconds(" 1800 "));
        assertNull(ChunkRollback.timeoutSeconds(null));
        assertNull(ChunkRollback.timeoutSeconds(""));
        assertNull(ChunkRollback.timeoutSeconds("#{jobParameters['x']}"));
    }
}
