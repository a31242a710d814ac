package com.routingml.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;

/**
 * Answers a role-protected endpoint called without credentials with 401, a Basic challenge and a
 * problem body, before the runtime's own role check (which would answer an empty 401). Wrong
 * roles still reach that check and become a 403 problem through the exception mappers.
 * Liberty authenticates supplied credentials on any request, so a valid caller has a principal here.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method m = resource.getResourceMethod();
        if (m == null || (!m.isAnnotationPresent(RolesAllowed.class) && !resource.getResourceClass().isAnnotationPresent(RolesAllowed.class))) {
            return;
        }
        SecurityContext sc = request.getSecurityContext();
        if (sc == null || sc.getUserPrincipal() == null) {
            Response problem = Problems.response(401, "unauthenticated", "Unauthorized",
                    "this operation needs an authenticated administrator (HTTP Basic)", request.getUriInfo().getPath());
            request.abortWith(Response.fromResponse(problem)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"RoutingML\"").build());
        }
    }
}
