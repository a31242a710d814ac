package com.routingml.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed number of workers for CPU-bound work, with a bounded wait line in front of them; work
 * that finds the line full is refused at once instead of queueing without limit.
 *
 * <p>Why: with one request thread per prediction, a busy server had a dozen CPU-bound threads
 * runnable on two cores, and every other request — a load balancer's health probe among them — waited
 * its turn behind them (probe p99 15–20 ms under saturating load; docs/benchmarks.md). With the
 * model work on as many workers as there are cores, the waiting request threads are blocked, not
 * runnable, and a probe competes with at most one worker per core. Refusing when the line is full
 * turns overload into fast 503s the caller can retry elsewhere, rather than unbounded latency.
 */
final class Bulkhead implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final int workers;
    private final int maxWaiting;
    /**
     * Counted here, not with {@link ThreadPoolExecutor#getActiveCount()}: that counts a prestarted
     * worker whose thread has not begun to run yet as active, so right after start it reported busy
     * workers that were not (and a unit test waiting for "busy" raced against the pool).
     */
    private final AtomicInteger busy = new AtomicInteger();

    /**
     * @param workers    threads doing the work, at least 1
     * @param maxWaiting calls that may wait for a free worker, at least 1. (No line at all would
     *                   refuse a call that arrives while a worker is between two calls, not busy.)
     * @param threads    where worker threads come from (in the server: the managed thread factory);
     *                   all of them are created here
     */
    Bulkhead(int workers, int maxWaiting, ThreadFactory threads) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("max waiting must be at least 1, was " + maxWaiting);
        }
        this.workers = workers;
        this.maxWaiting = maxWaiting;
        // A linked queue allocates per waiting call, not the whole capacity up front.
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(maxWaiting),
                threads, new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads();
    }

    /**
     * Runs {@code work} on a worker and waits for its result. What the work throws is rethrown
     * unchanged (unchecked exceptions and errors), so callers see the same exceptions as if they had
     * run it themselves.
     *
     * @throws RejectedExecutionException every worker is busy and the wait line is full
     * @throws CancellationException      the bulkhead is closed (before or while the call waited), or the
     *                                    calling thread was interrupted while waiting (its interrupt flag is kept)
     */
    <T> T call(Supplier<T> work) {
        Future<T> result;
        try {
            result = pool.submit(() -> {
                busy.incrementAndGet();
                try {
                    return work.get();
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            if (pool.isShutdown()) {
                throw new CancellationException("closed");
            }
            throw e;
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            // Not cancel(true): the model work does not look at interrupts, and an interrupt left
            // pending on a worker would only surprise the next call it runs.
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a worker");
        }
    }

    int workers() {
        return workers;
    }

    int maxWaiting() {
        return maxWaiting;
    }

    /** Calls waiting for a free worker now. */
    int waiting() {
        return pool.getQueue().size();
    }

    /** Workers running a call now. */
    int busy() {
        return busy.get();
    }

    /**
     * Refuses new calls and cancels the waiting ones (their callers get a {@link CancellationException}
     * instead of waiting forever); running calls finish.
     */
    @Override
    public void close() {
        // shutdown(), not shutdownNow(): no interrupt for a running call (see call()).
        pool.shutdown();
        List<Runnable> waiting = new ArrayList<>();
        pool.getQueue().drainTo(waiting);
        for (Runnable w : waiting) {
            ((Future<?>) w).cancel(false);
        }
    }
}
