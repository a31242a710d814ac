package com.routingml.prediction;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
     * @param workers    threads doing the work, at least 1
     * @param maxWaiting calls that may wait for a free worker, at least 0 (0: refuse unless a worker is idle)
     * @param threads    where worker threads come from (in the server: the managed thread factory)
     */
    Bulkhead(int workers, int maxWaiting, ThreadFactory threads) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("max waiting must be at least 0, was " + maxWaiting);
        }
        this.workers = workers;
        this.maxWaiting = maxWaiting;
        BlockingQueue<Runnable> line = maxWaiting == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(maxWaiting, true);
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, line, threads,
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on a worker and waits for its result. What the work throws is rethrown
     * unchanged (unchecked exceptions and errors), so callers see the same exceptions as if they had
     * run it themselves.
     *
     * @throws RejectedExecutionException every worker is busy and the wait line is full, or the bulkhead is closed
     * @throws CancellationException      the calling thread was interrupted while waiting (its interrupt flag is kept)
     */
    <T> T call(Supplier<T> work) {
        Future<T> result = pool.submit(work::get);
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
            result.cancel(true);
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
        return pool.getActiveCount();
    }

    /** Refuses new calls and interrupts running ones. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
