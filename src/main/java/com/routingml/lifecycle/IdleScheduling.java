package com.routingml.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts background CPU work (the prediction workers, the retraining extract's heavy calls) under
 * Linux's {@code SCHED_IDLE} policy: such a thread gets a core whenever no other thread of the
 * machine wants it, and any other thread that wakes up (a health probe's request thread, say) takes
 * the core from it at once instead of waiting for its time slice to run out.
 *
 * <p>Why not a lower priority: the kernel's scheduler (EEVDF since Linux 6.6) lets a running thread
 * finish its slice before a waking one of the same policy gets the core, whatever their nice
 * values; only a {@code SCHED_IDLE} thread is preempted immediately. Measured with the prediction
 * workers at nice 4 and at {@code SCHED_IDLE}, alternately on one server under the same saturating
 * load: probe p99 14.7 and 10.2 ms → 5.4 and 5.0 ms, p90 1.8 → 1.0 ms (docs/benchmarks.md, session 5).
 *
 * <p>Java has no API for scheduling policies, so the thread runs util-linux's {@code chrt} on its
 * own thread id once, when it starts. An unprivileged process may switch its threads to
 * {@code SCHED_IDLE} but never back, so only threads of our own are switched, never a pooled
 * server thread. Where the switch fails (not Linux, no {@code chrt} in the image) the thread keeps
 * the normal policy and the caller says so in the log.
 */
public final class IdleScheduling {

    private static final Logger LOG = Logger.getLogger(IdleScheduling.class.getName());

    /**
     * The start of the native name of Liberty's executor threads ("Default Executor-thread-N", cut to
     * 15 characters by Linux), the threads that serve HTTP requests.
     */
    static final String REQUEST_THREAD_NAME = "Default Executo";

    /** {@code SCHED_IDLE} in {@code sched.h}. */
    static final int SCHED_IDLE = 5;

    private IdleScheduling() {
    }

    /**
     * Switches the calling thread to {@code SCHED_IDLE}.
     *
     * @return {@code null} on success, otherwise why it did not happen (for the log)
     */
    public static String idleCurrentThread() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "not Linux";
        }
        try {
            String tid = currentTid();
            if (tid.isEmpty()) {
                return "/proc/thread-self cannot be read";
            }
            Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", tid).redirectErrorStream(true).start();
            if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return "chrt did not finish within 10 s";
            }
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (chrt.exitValue() != 0) {
                return "chrt exited with " + chrt.exitValue() + (output.isEmpty() ? "" : ": " + output);
            }
            OptionalInt policy = policyOfCurrentThread();
            return policy.isPresent() && policy.getAsInt() == SCHED_IDLE ? null : "chrt succeeded but the policy is " + policy;
        } catch (IOException e) {
            return "chrt could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) { // e.g. a security manager refusing the process: the thread runs on, as it is
            return e.toString();
        }
    }

    /**
     * Runs {@code work} on a new thread from {@code threads} under {@code SCHED_IDLE} and waits for it:
     * for a long CPU-heavy call made from a pooled server thread, which must not be switched itself.
     * What the work throws is rethrown unchanged. If the switch fails the work runs all the same,
     * at the normal policy.
     *
     * @param what names the work in the thread's name and the log
     */
    public static <T> T call(ThreadFactory threads, String what, Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = threads.newThread(() -> {
            try {
                String failure = idleCurrentThread();
                if (failure != null) {
                    LOG.fine(() -> what + " runs at the normal scheduling policy: " + failure);
                }
                result.complete(work.call());
            } catch (Throwable e) { // handed to the waiting caller
                result.completeExceptionally(e);
            }
        });
        t.setName(what);
        t.start();
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception x) {
                throw x;
            }
            if (cause instanceof Error x) {
                throw x;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            t.interrupt();
            // Nobody will take the result: close it when it comes (an open Access file, a result set).
            result.thenAccept(IdleScheduling::closeQuietly);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing an abandoned result", e);
            }
        }
    }

    /** The calling thread's id: "/proc/thread-self" resolves to "{pid}/task/{tid}" of the thread that reads it; "" if unreadable. */
    private static String currentTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Request threads (Liberty's executor, {@link #REQUEST_THREAD_NAME}) under {@code SCHED_IDLE}. Linux
     * gives a new thread the policy of the thread that creates it, and an unprivileged process cannot
     * switch it back: a pool thread created from an idle thread would serve requests, health probes
     * among them, at idle priority for good. Should stay 0; -1 when {@code /proc} cannot be read.
     * (Library threads started from the idle threads, such as UCanAccess's and HSQLDB's timers started
     * while the extract opens the Access file, inherit the policy too; they serve no requests.)
     */
    public static int idleRequestThreads() {
        int n = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    OptionalInt policy = policyFromStat(Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII));
                    if (policy.isPresent() && policy.getAsInt() == SCHED_IDLE
                            && Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).startsWith(REQUEST_THREAD_NAME)) {
                        n++;
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return n;
    }

    /** The scheduling policy of the calling thread (field 41 of {@code /proc/thread-self/stat}), if readable. */
    public static OptionalInt policyOfCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            return policyFromStat(stat);
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The policy field of a {@code /proc/.../stat} line. The thread's name (field 2, in parentheses)
     * may hold spaces and parentheses itself, so fields are counted from the last ')'.
     */
    static OptionalInt policyFromStat(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return OptionalInt.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field 41 (policy) is fields[38]
        if (fields.length <= 38) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(fields[38]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
