package com.routingml.events;

import java.time.Instant;

/**
 * CDI event: the drift rule recommends retraining (≥ N events in D days, or a severe KL), outside
 * the cooldown. The retraining scheduler observes it and starts a run unless
 * {@code routingml.retrain.on-drift} is off; the drift monitor records when it fired, for the cooldown.
 *
 * @param at     when the rule fired
 * @param reason a sentence for logs and notifications
 */
public record RetrainRecommended(Instant at, String reason) {
}
