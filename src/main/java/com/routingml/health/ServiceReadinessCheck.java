package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;
import java.util.Map;

/**
 * Ready when every dependency of the last background refresh is UP — an active model is served
 * and intact in the store, the Access file is readable, the state database and the batch job
 * repository are reachable (each a {@link DependencyCheck}) — and that refresh is recent. Reads
 * one volatile reference: never blocks, never touches a file.
 */
@Readiness
@ApplicationScoped
public class ServiceReadinessCheck implements HealthCheck {

    @Inject
    DependencyMonitor monitor;

    @Inject
    StartupService startup;

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        DependencySnapshot s = monitor.snapshot();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("dependencies");
        // Ready only once bring-up is complete (model served and drift state restored), so no
        // prediction reaches a half-initialised node.
        if (startup.state().phase() != StartupService.Phase.READY) {
            return b.down().withData("reason", "start-up " + startup.state().phase() + ": "
                    + startup.state().message()).build();
        }
        if (s.refreshedAt() == null) {
            return b.down().withData("reason", "dependencies not checked yet").build();
        }
        boolean stale = monitor.stale(s, now);
        b.withData("checked_ms_ago", s.age(now).toMillis());
        if (stale) {
            b.withData("reason", "dependency state older than " + monitor.maxStaleness().toSeconds()
                    + " s: the refresher has stopped");
        }
        for (Map.Entry<String, DependencyState> e : s.states().entrySet()) {
            DependencyState d = e.getValue();
            b.withData(e.getKey(), (d.up() ? "UP: " : "DOWN: ") + d.detail());
        }
        return b.status(!stale && s.allUp()).build();
    }
}
