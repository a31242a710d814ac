package com.routingml.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts every answered API request (including those the exception mappers turned into problem
 * JSON and those that matched no resource) and times it end to end.
 */
@Provider
@PreMatching
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String START = RequestMetricsFilter.class.getName() + ".start";

    @Inject
    RoutingMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        long nanos = start instanceof Long t0 ? System.nanoTime() - t0 : -1;
        metrics.requestFinished(request.getMethod(), relativePath(request.getUriInfo().getPath()),
                response.getStatus(), nanos);
    }

    /** {@code /predictions/} → {@code predictions}. */
    static String relativePath(String path) {
        String p = path == null ? "" : path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
