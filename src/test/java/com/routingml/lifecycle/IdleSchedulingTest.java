package com.routingml.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleSchedulingTest {

    private static final int SCHED_OTHER = 0;

    @Test
    void readsThePolicyFieldEvenWhenTheThreadNameHasSpacesAndParentheses() {
        String fields3to52 = "S 1 2 3 0 -1 1077936192 10 0 0 0 5 3 0 0 39 19 40 0 123 4000000 500 18446744073709551615 "
                + "1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 5 0 0 0 0 0 0 0 0 0 0";
        assertEquals(OptionalInt.of(5), IdleScheduling.policyFromStat("4242 (Default Executor (2)) " + fields3to52));
        assertEquals(OptionalInt.of(5), IdleScheduling.policyFromStat("4242 (java) " + fields3to52));
    }

    @Test
    void aTruncatedOrForeignLineHasNoPolicy() {
        assertEquals(OptionalInt.empty(), IdleScheduling.policyFromStat("4242 (java) S 1 2 3"));
        assertEquals(OptionalInt.empty(), IdleScheduling.policyFromStat("no parentheses here"));
    }

    /** The real thing: chrt on this thread's id, and the kernel's own record of the policy afterwards. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void switchesOnlyTheCallingThreadToSchedIdle() throws Exception {
        record Outcome(String failure, OptionalInt before, OptionalInt after) {
        }
        // A thread of its own: the switch cannot be undone without privileges.
        CompletableFuture<Outcome> worker = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            OptionalInt before = IdleScheduling.policyOfCurrentThread();
            String failure = IdleScheduling.idleCurrentThread();
            worker.complete(new Outcome(failure, before, IdleScheduling.policyOfCurrentThread()));
        }, "idle worker (test)");
        t.start();
        Outcome outcome = worker.get(30, TimeUnit.SECONDS);

        assertNull(outcome.failure());
        assertEquals(OptionalInt.of(SCHED_OTHER), outcome.before());
        assertEquals(OptionalInt.of(IdleScheduling.SCHED_IDLE), outcome.after());
        assertEquals(OptionalInt.of(SCHED_OTHER), IdleScheduling.policyOfCurrentThread(), "the test's own thread is untouched");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void callRunsTheWorkOnAnIdleThreadOfItsOwnAndReturnsItsResult() throws Exception {
        Thread caller = Thread.currentThread();
        record Seen(Thread thread, String name, OptionalInt policy) {
        }
        Seen seen = IdleScheduling.call(Thread::new, "extract open (test)",
                () -> new Seen(Thread.currentThread(), Thread.currentThread().getName(), IdleScheduling.policyOfCurrentThread()));
        assertNotSame(caller, seen.thread());
        assertEquals("extract open (test)", seen.name());
        assertEquals(OptionalInt.of(IdleScheduling.SCHED_IDLE), seen.policy());
        assertEquals(OptionalInt.of(SCHED_OTHER), IdleScheduling.policyOfCurrentThread());
    }

    @Test
    void callRethrowsWhatTheWorkThrowsUnchanged() {
        SQLException thrown = new SQLException("cannot read Access database x.accdb");
        assertSame(thrown, assertThrows(SQLException.class, () -> IdleScheduling.call(Thread::new, "failing (test)", () -> {
            throw thrown;
        })));
        OutOfMemoryError error = new OutOfMemoryError("test");
        assertSame(error, assertThrows(OutOfMemoryError.class, () -> IdleScheduling.call(Thread::new, "failing (test)", () -> {
            throw error;
        })));
    }

    /**
     * Why the prediction workers must not create threads: a thread created by a SCHED_IDLE thread is
     * SCHED_IDLE too, for good. The gauge counts such threads when they are request threads (by name).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aRequestThreadCreatedByAnIdleThreadInheritsThePolicyAndIsCounted() throws Exception {
        int before = IdleScheduling.idleRequestThreads();
        CountDownLatch childrenRun = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<OptionalInt> childPolicy = new CompletableFuture<>();
        CompletableFuture<Integer> countedWithTheParentSwitched = new CompletableFuture<>();
        Thread parent = new Thread(() -> {
            assertNull(IdleScheduling.idleCurrentThread());
            countedWithTheParentSwitched.complete(IdleScheduling.idleRequestThreads());
            Thread requestThread = new Thread(() -> {
                childPolicy.complete(IdleScheduling.policyOfCurrentThread());
                childrenRun.countDown();
                awaitQuietly(release);
            }, "Default Executor-thread-9999 (test)");
            Thread otherThread = new Thread(() -> {
                childrenRun.countDown();
                awaitQuietly(release);
            }, "HSQLDB Timer (test)");
            requestThread.start();
            otherThread.start();
        }, "idle parent (test)");
        parent.start();
        assertEquals(before, countedWithTheParentSwitched.get(30, TimeUnit.SECONDS), "an idle thread that serves no requests is not counted");
        assertTrue(childrenRun.await(30, TimeUnit.SECONDS));
        try {
            assertEquals(OptionalInt.of(IdleScheduling.SCHED_IDLE), childPolicy.get());
            assertEquals(before + 1, IdleScheduling.idleRequestThreads(), "the inherited request thread, not the timer");
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
