package com.routingml.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.Principal;

/**
 * {@code GET /api/caller}: who the server takes the caller for. Open: without credentials it
 * answers "anonymous"; wrong credentials are refused by the server (401) before they get here.
 * The console checks a login with it.
 */
@Path("/caller")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class CallerResource {

    @Context
    SecurityContext security;

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
    @Operation(summary = "The caller as the server sees it (user, admin role)")
    public CallerView caller() {
        Principal p = security.getUserPrincipal();
        return new CallerView(p != null, p == null ? null : p.getName(), p != null && security.isUserInRole("admin"),
                settings.policy().adminConfigured());
    }
}
