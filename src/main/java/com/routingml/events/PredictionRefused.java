package com.routingml.events;

/**
 * CDI event: a prediction request was refused with 503 because every prediction worker was busy
 * and the wait line was full (load shedding).
 *
 * @param workers    the workers that were busy
 * @param maxWaiting the length of the wait line that was full
 */
public record PredictionRefused(int workers, int maxWaiting) {
}
