package com.routingml.events;

import java.time.Instant;

/**
 * CDI event: the drift rule recommends retraining (≥ N events in D days, or a severe KL), outside
 * the cooldown. The retraining job observes it; until then the recommendation is recorded.
 *
 * @param at     when the rule fired
 * @param reason a sentence for logs and notifications
 */
public record RetrainRecommended(Instant at, String reason) {
}
