package com.routingml.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * CDI event fired by the retraining job when an execution ends, however it ended: it feeds
 * {@code routing_ml_retrain_runs_total{outcome}} and, for a run that completed (promoted or kept),
 * {@code routing_ml_retrain_last_success_timestamp_seconds} and
 * {@code routing_ml_retrain_last_duration_seconds}.
 *
 * @param finishedAt when the execution ended
 * @param duration   how long it ran
 * @param outcome    how it ended
 */
public record RetrainCompleted(Instant finishedAt, Duration duration, Outcome outcome) {

    /** How a retraining execution ended: the {@code outcome} label of {@code routing_ml_retrain_runs_total}. */
    public enum Outcome {
        /** Completed, and its candidate became the active model. */
        PROMOTED,
        /** Completed, and its candidate was refused by the gate (kept for review). */
        KEPT,
        /** Failed in a step, or refused before it started. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the job did its work (the KPI "retraining success"). */
        public boolean succeeded() {
            return this != FAILED;
        }
    }

    public RetrainCompleted {
        if (finishedAt == null || duration == null || duration.isNegative() || outcome == null) {
            throw new IllegalArgumentException("a retraining run needs a finish time, a non-negative duration and an"
                    + " outcome, was " + finishedAt + ", " + duration + ", " + outcome);
        }
    }
}
