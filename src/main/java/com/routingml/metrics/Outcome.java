package com.routingml.metrics;

/** How a prediction request ended: the {@code outcome} label of {@code routing_ml_predictions_total}. */
public enum Outcome {
    /** Answered with candidate routings (2xx). */
    SUCCESS,
    /** Refused as the caller's fault (4xx: invalid body, unknown item, no usable attribute). */
    REJECTED,
    /** Not ready or item master unreadable (503). */
    UNAVAILABLE,
    /** Any other server error (5xx). */
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The outcome of an HTTP status. */
    public static Outcome of(int status) {
        if (status < 400) {
            return SUCCESS;
        }
        if (status < 500) {
            return REJECTED;
        }
        return status == 503 ? UNAVAILABLE : ERROR;
    }
}
