package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the initial model load (or first-start training) has finished, well or not. */
@Startup
@ApplicationScoped
public class ModelStartupCheck implements HealthCheck {

    @Inject
    StartupService startup;

    @Override
    public HealthCheckResponse call() {
        StartupService.State s = startup.state();
        return HealthCheckResponse.named("model-startup").status(startup.finished())
                .withData("phase", s.phase().name()).withData("message", s.message()).build();
    }
}
