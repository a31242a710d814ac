package com.routingml.events;

import com.routingml.drift.DriftEvent;

/**
 * CDI event: the drift detector opened a drift episode (one per episode, not one per prediction).
 *
 * @param event the recorded event
 */
public record DriftDetected(DriftEvent event) {
}
