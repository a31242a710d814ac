package com.routingml.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Which unauthenticated calls are refused before they reach a resource, and why: the decision of
 * {@link AuthenticationFilter}, free of JAX-RS so it can be tested on its own.
 *
 * <p>Role checks of authenticated callers stay with the runtime ({@code @RolesAllowed} answers
 * 403); this policy only decides the 401s and their explanation.
 */
public final class AccessPolicy {

    /** Configuration key of the prediction access mode. */
    public static final String PREDICTIONS_KEY = "routingml.security.predictions";
    /** Configuration key (and Liberty variable) of the administrator's password. */
    public static final String ADMIN_PASSWORD_KEY = "routingml.admin.password";
    /** The environment variable an operator sets, named in refusals. */
    public static final String ADMIN_PASSWORD_ENV = "ROUTINGML_ADMIN_PASSWORD";

    /** How an endpoint is protected. */
    public enum Protection {
        /** Always open (health, metrics, read-only views). */
        NONE,
        /** Ordinary callers ({@link CallerEndpoint}): open or authenticated, per {@link PredictionAccess}. */
        CALLER,
        /** Administrators only ({@code @RolesAllowed}). */
        ADMIN
    }

    /** Who may call the prediction endpoints ({@value #PREDICTIONS_KEY}). */
    public enum PredictionAccess {
        /** Anyone who can reach the server (a trusted network): the default. */
        OPEN,
        /** Any authenticated user of the server's registry (e.g. {@code operator} or {@code admin}). */
        AUTHENTICATED;

        /**
         * @param value {@code open} or {@code authenticated}, case-insensitive, surrounding blanks ignored
         * @throws IllegalArgumentException for anything else, naming the key and the value
         */
        public static PredictionAccess parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "open" -> OPEN;
                case "authenticated" -> AUTHENTICATED;
                default -> throw new IllegalArgumentException(PREDICTIONS_KEY
                        + " must be 'open' or 'authenticated', was '" + value + "'");
            };
        }
    }

    static final String ADMIN_NEEDED = "this operation needs an authenticated administrator (HTTP Basic)";
    static final String ADMIN_DISABLED = "admin operations are disabled: " + ADMIN_PASSWORD_ENV + " is not set";
    static final String CALLER_NEEDED = "predictions need an authenticated user (HTTP Basic): " + PREDICTIONS_KEY
            + "=authenticated";

    private final PredictionAccess predictions;
    private final boolean adminConfigured;

    /**
     * @param predictions     prediction access mode
     * @param adminConfigured whether the administrator has a (non-blank) password, i.e. can log in at all
     */
    public AccessPolicy(PredictionAccess predictions, boolean adminConfigured) {
        if (predictions == null) {
            throw new IllegalArgumentException("prediction access mode is required");
        }
        this.predictions = predictions;
        this.adminConfigured = adminConfigured;
    }

    /**
     * From configuration values.
     *
     * @param predictionsMode value of {@value #PREDICTIONS_KEY} ({@code null}: the default, open)
     * @param adminPassword   value of {@value #ADMIN_PASSWORD_KEY} ({@code null} or blank: not configured)
     * @throws IllegalArgumentException for an unknown mode
     */
    public static AccessPolicy of(String predictionsMode, String adminPassword) {
        return new AccessPolicy(
                predictionsMode == null ? PredictionAccess.OPEN : PredictionAccess.parse(predictionsMode),
                adminPassword != null && !adminPassword.isBlank());
    }

    public PredictionAccess predictions() {
        return predictions;
    }

    public boolean adminConfigured() {
        return adminConfigured;
    }

    /**
     * The detail of the 401 for a call without credentials, or empty when the call may proceed.
     * Calls with credentials always proceed (invalid ones were already refused by the server, a
     * missing role is the runtime's 403).
     *
     * @param protection    how the called endpoint is protected
     * @param authenticated whether the caller has a principal
     */
    public Optional<String> refusal(Protection protection, boolean authenticated) {
        if (authenticated) {
            return Optional.empty();
        }
        return switch (protection) {
            case NONE -> Optional.empty();
            case CALLER -> predictions == PredictionAccess.AUTHENTICATED ? Optional.of(CALLER_NEEDED)
                    : Optional.empty();
            case ADMIN -> Optional.of(adminConfigured ? ADMIN_NEEDED : ADMIN_DISABLED);
        };
    }
}
