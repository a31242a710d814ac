package com.routingml.events;

import com.routingml.model.Recommendation;

/**
 * CDI event, fired synchronously after each successful prediction; metrics and drift detection
 * observe it (they must be cheap: they run on the request thread, after the worker's answer;
 * never on the worker, see PredictionService.answer).
 *
 * @param recommendation what was answered
 * @param nanos          time spent in the model
 */
public record PredictionMade(Recommendation recommendation, long nanos) {
}
