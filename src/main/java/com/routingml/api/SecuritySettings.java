package com.routingml.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The configured {@link AccessPolicy}, read once at application start: an unknown
 * {@code routingml.security.predictions} fails the start with the key in the message.
 */
@ApplicationScoped
public class SecuritySettings {

    private static final Logger LOG = Logger.getLogger(SecuritySettings.class.getName());

    @Inject
    @ConfigProperty(name = AccessPolicy.PREDICTIONS_KEY, defaultValue = "open")
    String predictions;

    /** Optional: MicroProfile Config treats server.xml's empty default as "not set". */
    @Inject
    @ConfigProperty(name = AccessPolicy.ADMIN_PASSWORD_KEY)
    Optional<String> adminPassword;

    private AccessPolicy policy;

    @PostConstruct
    void read() {
        policy = AccessPolicy.of(predictions, adminPassword.orElse(""));
        adminPassword = Optional.empty(); // not kept beyond the decision whether one is set
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LOG.log(policy.adminConfigured() ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING,
                () -> "predictions are "
                        + (policy.predictions() == AccessPolicy.PredictionAccess.OPEN
                                ? "open to any caller" : "for authenticated users only")
                        + " (" + AccessPolicy.PREDICTIONS_KEY + "); admin operations are "
                        + (policy.adminConfigured() ? "enabled"
                                : "disabled (" + AccessPolicy.ADMIN_PASSWORD_ENV + " is not set)"));
    }

    public AccessPolicy policy() {
        return policy;
    }
}
