package com.routingml.events;

import java.time.Duration;
import java.time.Instant;

/**
 * CDI event for the retraining job to fire when a retraining run succeeds: it feeds
 * {@code routing_ml_retrain_last_success_timestamp_seconds} and
 * {@code routing_ml_retrain_last_duration_seconds}. (Hook for the batch job; nothing fires it yet.)
 *
 * @param finishedAt when the run finished
 * @param duration   how long it ran
 */
public record RetrainCompleted(Instant finishedAt, Duration duration) {

    public RetrainCompleted {
        if (finishedAt == null || duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("a retraining run needs a finish time and a non-negative duration, was "
                    + finishedAt + ", " + duration);
        }
    }
}
