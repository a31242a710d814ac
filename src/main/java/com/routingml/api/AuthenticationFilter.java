package com.routingml.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.util.Optional;

/**
 * Answers a call without credentials to a protected endpoint with 401, a Basic challenge and a
 * problem body, before the runtime's own role check (which would answer an empty 401). Which
 * endpoints are protected is {@link AccessPolicy}'s decision: {@code @RolesAllowed} ones always,
 * {@link CallerEndpoint} ones when predictions require authentication. Wrong roles still reach
 * the runtime's check and become a 403 problem through the exception mappers.
 * Liberty authenticates supplied credentials on any request, so a valid caller has a principal here.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"RoutingML\"";

    @Context
    ResourceInfo resource;

    @Inject
    SecuritySettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        AccessPolicy.Protection protection = protection(resource.getResourceClass(), resource.getResourceMethod());
        if (protection == AccessPolicy.Protection.NONE) {
            return;
        }
        SecurityContext sc = request.getSecurityContext();
        boolean authenticated = sc != null && sc.getUserPrincipal() != null;
        Optional<String> refusal = settings.policy().refusal(protection, authenticated);
        if (refusal.isPresent()) {
            Response problem = Problems.response(401, "unauthenticated", "Unauthorized", refusal.get(),
                    request.getUriInfo().getPath());
            request.abortWith(Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
        }
    }

    /** How a resource method is protected, from its annotations and its class's (the method's win). */
    static AccessPolicy.Protection protection(Class<?> type, Method m) {
        if (m == null) {
            return AccessPolicy.Protection.NONE;
        }
        if (m.isAnnotationPresent(RolesAllowed.class)) {
            return AccessPolicy.Protection.ADMIN;
        }
        if (m.isAnnotationPresent(CallerEndpoint.class)) {
            return AccessPolicy.Protection.CALLER;
        }
        if (m.isAnnotationPresent(PermitAll.class)) {
            return AccessPolicy.Protection.NONE;
        }
        if (type != null && type.isAnnotationPresent(RolesAllowed.class)) {
            return AccessPolicy.Protection.ADMIN;
        }
        if (type != null && type.isAnnotationPresent(CallerEndpoint.class)) {
            return AccessPolicy.Protection.CALLER;
        }
        return AccessPolicy.Protection.NONE;
    }
}
