package com.routingml.health;

import com.routingml.model.ActiveModel;
import com.routingml.model.RoutingModel;
import com.routingml.lifecycle.StartupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when an active model serves predictions. Reads one reference: never blocks. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    @Inject
    ActiveModel active;

    @Inject
    StartupService startup;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("active-model");
        // Ready only once bring-up is complete (model served and drift state restored), so no
        // prediction reaches a half-initialised node.
        if (startup.state().phase() != StartupService.Phase.READY) {
            return b.down().withData("reason", startup.state().message()).build();
        }
        return active.current().map(m -> b.up().withData("version", m.version()).withData("items", m.size()))
                .orElseGet(() -> b.down().withData("reason", "no model loaded")).build();
    }
}
