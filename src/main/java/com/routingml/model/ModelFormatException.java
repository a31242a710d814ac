package com.routingml.model;

/** A model version on disk is missing, corrupt or of a format this code does not understand. */
public class ModelFormatException extends Exception {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
