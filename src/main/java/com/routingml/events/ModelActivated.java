package com.routingml.events;

import com.routingml.model.RoutingModel;
import java.time.Instant;

/**
 * CDI event: a model version now serves predictions (first load, promotion or rollback).
 *
 * @param model    the model now active
 * @param previous the version it replaced, or {@code null}
 * @param at       when the switch happened
 */
public record ModelActivated(RoutingModel model, String previous, Instant at) {
}
