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
 * to the log under that id, never to the caller. A database that cannot be reached (a connection
 * failure anywhere among the causes) is a 503 problem with {@code Retry-After} instead: an outage,
 * not a defect.
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
        java.sql.SQLException down = unreachableDatabase(e);
        if (down != null) {
            // Not the caller's fault and not a defect: the database is down or unreachable for now.
            String path = uri == null ? null : uri.getPath();
            LOG.warning(() -> "database unavailable at " + path + ": " + down.getMessage());
            return Response.fromResponse(Problems.response(503, "unavailable", "Service not ready",
                    "the database is unavailable: " + down.getMessage(), path)).header("Retry-After", 5).build();
        }
        return internalError(e, uri);
    }

    /**
     * The connection failure among {@code e}'s causes, if any: a JDBC connection exception, SQLSTATE
     * class 08 (connection exception) or PostgreSQL's 57P0x (shutting down, not accepting
     * connections yet).
     */
    static java.sql.SQLException unreachableDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLException x && x.getSQLState() != null
                    && (x.getSQLState().startsWith("08") || x.getSQLState().startsWith("57P0"))) {
                return (java.sql.SQLException) t;
            }
        }
        return null;
    }

    static Response internalError(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident + " at " + (uri == null ? "?" : uri.getPath()), e);
        return Problems.response(500, "internal-error", "Internal server error",
                "unexpected error; quote incident " + incident + " to the operator",
                uri == null ? null : uri.getPath());
    }
}
