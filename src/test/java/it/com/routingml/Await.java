package it.com.routingml;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until a condition holds; the deadline only bounds a hung test, it asserts no timing. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    /** Returns the first value {@code probe} yields that {@code done} accepts; fails with the last one. */
    static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        return until(what, probe, done, Instant.now().plus(DEFAULT));
    }

    /** {@link #until(String, Supplier, java.util.function.Predicate)} with its own deadline. */
    static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done, Instant deadline) {
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting for " + what + "; last: " + last);
    }
}
