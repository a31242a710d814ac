package com.routingml.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line: anything unexpected becomes a 500 problem with an incident id. The stack trace goes
 * to the log under that id, never to the caller.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof jakarta.json.bind.JsonbException || e instanceof jakarta.json.JsonException) {
            // An entity the runtime could not read or write as JSON: the caller's input.
            return Problems.response(400, "invalid-request", "Invalid request", "malformed JSON: " + e.getMessage(),
                    uri == null ? null : uri.getPath());
        }
        return internalError(e, uri);
    }

    static Response internalError(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " at " + (uri == null ? "?" : uri.getPath()), e);
        return Problems.response(500, "internal-error", "Internal server error",
                "unexpected error; quote incident " + incident + " to the operator", uri == null ? null : uri.getPath());
    }
}
