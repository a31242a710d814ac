package com.routingml.prediction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BulkheadTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Bulkhead> opened = new ArrayList<>();

    @AfterEach
    void tearDown() {
        opened.forEach(Bulkhead::close);
        callers.shutdownNow();
    }

    private Bulkhead bulkhead(int workers, int maxWaiting) {
        AtomicInteger n = new AtomicInteger();
        Bulkhead b = new Bulkhead(workers, maxWaiting, r -> new Thread(r, "worker-" + n.incrementAndGet()));
        opened.add(b);
        return b;
    }

    @Test
    void runsTheWorkOnAWorkerAndReturnsItsResult() {
        Bulkhead b = bulkhead(1, 4);
        String caller = Thread.currentThread().getName();
        String ranOn = b.call(() -> Thread.currentThread().getName());
        assertNotEquals(caller, ranOn);
        assertEquals("worker-1", ranOn);
    }

    @Test
    void rethrowsWhatTheWorkThrowsUnchanged() {
        Bulkhead b = bulkhead(1, 4);
        IllegalArgumentException thrown = new IllegalArgumentException("no usable attribute");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> b.call(() -> {
            throw thrown;
        })));
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> b.call(() -> {
            throw error;
        })));
        // the worker survives both
        assertEquals(42, b.call(() -> 42));
    }

    @Test
    void neverRunsMoreCallsAtOnceThanItHasWorkers() throws Exception {
        Bulkhead b = bulkhead(2, 16);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int id = i;
            calls.add(callers.submit(() -> b.call(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                await(release);
                running.decrementAndGet();
                return id;
            })));
        }
        waitUntil(() -> running.get() == 2 && b.waiting() == 6);
        assertEquals(2, b.busy());
        release.countDown();
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(i, calls.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, most.get());
        assertEquals(0, b.waiting());
    }

    @Test
    void refusesAtOnceWhenEveryWorkerIsBusyAndTheLineIsFull() throws Exception {
        Bulkhead b = bulkhead(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = occupyTheWorker(b, release, "first");
        Future<String> second = callers.submit(() -> b.call(() -> "second"));
        waitUntil(() -> b.waiting() == 1);

        assertThrows(RejectedExecutionException.class, () -> b.call(() -> "third"));

        release.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("second", second.get(10, TimeUnit.SECONDS));
        assertEquals("again", b.call(() -> "again"));
    }

    @Test
    void closingAnswersTheWaitingCallsInsteadOfLeavingThemHanging() throws Exception {
        Bulkhead b = bulkhead(1, 4);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> running = occupyTheWorker(b, release, "finished");
        Future<String> waiting = callers.submit(() -> {
            try {
                return b.call(() -> "ran");
            } catch (CancellationException e) {
                return "cancelled";
            }
        });
        waitUntil(() -> b.waiting() == 1);

        b.close();

        assertEquals("cancelled", waiting.get(10, TimeUnit.SECONDS));
        release.countDown();
        assertEquals("finished", running.get(10, TimeUnit.SECONDS), "a running call finishes");
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() throws Exception {
        Bulkhead b = bulkhead(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        occupyTheWorker(b, release, "first");
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
            callerThread.set(Thread.currentThread());
            try {
                b.call(() -> 2);
                return "returned";
            } catch (CancellationException e) {
                return "cancelled, interrupted=" + Thread.currentThread().isInterrupted();
            }
        }, callers);
        waitUntil(() -> b.waiting() == 1);
        callerThread.get().interrupt();
        assertEquals("cancelled, interrupted=true", outcome.get(10, TimeUnit.SECONDS));
        release.countDown();
        waitUntil(() -> b.waiting() == 0 && b.busy() == 0);
    }

    @Test
    void aClosedBulkheadRefusesCallsAsCancelledNotAsOverloaded() {
        Bulkhead b = bulkhead(2, 4);
        b.close();
        assertThrows(CancellationException.class, () -> b.call(() -> 1));
    }

    @Test
    void createsItsWorkersUpFront() {
        AtomicInteger created = new AtomicInteger();
        Bulkhead b = new Bulkhead(3, 4, r -> {
            created.incrementAndGet();
            return new Thread(r);
        });
        opened.add(b);
        assertEquals(3, created.get());
    }

    @Test
    void refusesNonsenseSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Bulkhead(0, 4, Thread::new));
        assertThrows(IllegalArgumentException.class, () -> new Bulkhead(2, 0, Thread::new));
    }

    /** Has the single worker of {@code b} run a call that holds it until {@code release}; returns once it runs. */
    private Future<String> occupyTheWorker(Bulkhead b, CountDownLatch release, String result) throws InterruptedException {
        // Waits for the work itself to start, not for the pool's view of it: the call is submitted
        // from another thread, so "busy" alone could be seen before this call reached the worker.
        CountDownLatch started = new CountDownLatch(1);
        Future<String> call = callers.submit(() -> b.call(() -> {
            started.countDown();
            await(release);
            return result;
        }));
        await(started);
        assertEquals(1, b.busy());
        return call;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                fail("not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not reached within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
