package com.routingml.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a {@code POST} under {@code /api} that does not declare a JSON body, with 415 and a
 * problem body, before anything else looks at it (protection against cross-site request forgery;
 * the decision and its reasoning are {@link CsrfPolicy}'s).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CsrfFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        CsrfPolicy.refusal(request.getMethod(), request.getHeaderString(HttpHeaders.CONTENT_TYPE)).ifPresent(detail ->
                request.abortWith(Problems.response(415, "json-required", "JSON required", detail,
                        request.getUriInfo().getPath())));
    }
}
