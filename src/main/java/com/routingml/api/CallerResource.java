package com.routingml.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.Principal;

/**
 * {@code GET /api/caller}: who the server takes the caller for. Open: without credentials it
 * answers "anonymous". The server does not check credentials sent to an open endpoint against
 * anything but lets the call through unauthenticated, so credentials that yield no user are
 * answered here with 401: the console checks a login with this call.
 */
@Path("/caller")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class CallerResource {

    @Context
    SecurityContext security;

    @Context
    HttpHeaders headers;

    /**
     * @param authenticated whether the call carried valid credentials
     * @param user          the user name, or {@code null}
     * @param admin         whether the caller may run admin operations
     * @param adminEnabled  whether an administrator can log in at all (its password is set)
     */
    public record CallerView(boolean authenticated, String user, boolean admin, boolean adminEnabled) {
    }

    @Inject
    SecuritySettings settings;

    @GET
    @Operation(summary = "The caller as the server sees it (user, admin role)",
            description = "401 when credentials were sent but are not valid.")
    public CallerView caller() {
        Principal p = security.getUserPrincipal();
        if (p == null && headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            throw new ProblemException(401, "unauthenticated", "Unauthorized",
                    "the credentials sent are not valid: wrong user name or password");
        }
        return new CallerView(p != null, p == null ? null : p.getName(), p != null && security.isUserInRole("admin"),
                settings.policy().adminConfigured());
    }
}
