package com.routingml.api;

import com.routingml.api.AccessPolicy.PredictionAccess;
import com.routingml.api.AccessPolicy.Protection;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which calls without credentials are refused, and what the refusal says. */
class AccessPolicyTest {

    @Test
    void openPredictionsNeedNoCredentials() {
        AccessPolicy p = AccessPolicy.of("open", "secret");
        assertEquals(Optional.empty(), p.refusal(Protection.CALLER, false));
        assertEquals(Optional.empty(), p.refusal(Protection.NONE, false));
    }

    @Test
    void defaultModeIsOpen() {
        assertEquals(PredictionAccess.OPEN, AccessPolicy.of(null, "secret").predictions());
    }

    @Test
    void authenticatedPredictionsRefuseAnonymousCallersAndAdmitAnyAuthenticatedOne() {
        AccessPolicy p = AccessPolicy.of(" Authenticated ", "secret");
        assertEquals(PredictionAccess.AUTHENTICATED, p.predictions());
        String detail = p.refusal(Protection.CALLER, false).orElseThrow();
        assertTrue(detail.contains("routingml.security.predictions=authenticated"), detail);
        assertEquals(Optional.empty(), p.refusal(Protection.CALLER, true), "operator or admin alike");
        assertEquals(Optional.empty(), p.refusal(Protection.NONE, false), "health and metrics stay open");
    }

    @Test
    void adminOperationsNeedCredentials() {
        AccessPolicy p = AccessPolicy.of("open", "secret");
        assertEquals(Optional.of("this operation needs an authenticated administrator (HTTP Basic)"),
                p.refusal(Protection.ADMIN, false));
        assertEquals(Optional.empty(), p.refusal(Protection.ADMIN, true), "the role check is the runtime's (403)");
    }

    @Test
    void withoutAnAdminPasswordTheRefusalSaysWhy() {
        for (String none : new String[] {null, "", "   "}) {
            AccessPolicy p = AccessPolicy.of("open", none);
            assertFalse(p.adminConfigured());
            assertEquals(Optional.of("admin operations are disabled: ROUTINGML_ADMIN_PASSWORD is not set"),
                    p.refusal(Protection.ADMIN, false));
        }
    }

    @Test
    void unknownModeNamesTheKeyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessPolicy.of("closed", "secret"));
        assertEquals("routingml.security.predictions must be 'open' or 'authenticated', was 'closed'", e.getMessage());
    }

    @RolesAllowed("admin")
    static class AdminClass {
        public void inherits() {
        }

        @PermitAll
        public void permitted() {
        }
    }

    @CallerEndpoint
    static class CallerClass {
        public void inherits() {
        }

        @RolesAllowed("admin")
        public void admin() {
        }
    }

    static class PlainClass {
        public void open() {
        }

        @CallerEndpoint
        public void caller() {
        }
    }

    @Test
    void protectionComesFromTheMethodThenItsClass() throws Exception {
        assertEquals(Protection.ADMIN,
                AuthenticationFilter.protection(AdminClass.class, AdminClass.class.getMethod("inherits")));
        assertEquals(Protection.NONE,
                AuthenticationFilter.protection(AdminClass.class, AdminClass.class.getMethod("permitted")));
        assertEquals(Protection.CALLER,
                AuthenticationFilter.protection(CallerClass.class, CallerClass.class.getMethod("inherits")));
        assertEquals(Protection.ADMIN,
                AuthenticationFilter.protection(CallerClass.class, CallerClass.class.getMethod("admin")));
        assertEquals(Protection.NONE,
                AuthenticationFilter.protection(PlainClass.class, PlainClass.class.getMethod("open")));
        assertEquals(Protection.CALLER,
                AuthenticationFilter.protection(PlainClass.class, PlainClass.class.getMethod("caller")));
        assertEquals(Protection.NONE, AuthenticationFilter.protection(PlainClass.class, null));
    }

    @Test
    void predictionsAreACallerEndpoint() {
        assertTrue(com.routingml.prediction.PredictionResource.class.isAnnotationPresent(CallerEndpoint.class));
    }
}
