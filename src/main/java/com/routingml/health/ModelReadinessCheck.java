package com.routingml.health;

import com.routingml.model.ActiveModel;
import com.routingml.model.RoutingModel;
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

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("active-model");
        return active.current().map(m -> b.up().withData("version", m.version()).withData("items", m.size()))
                .orElseGet(() -> b.down().withData("reason", "no model loaded")).build();
    }
}
