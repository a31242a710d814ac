package com.routingml.health;

import com.routingml.lifecycle.StartupService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * {@code GET /api/health}: the operator's view (status, build version, uptime, one entry per
 * dependency). 200 when healthy, 503 when degraded or unhealthy. Answers from cached states only.
 */
@Path("/health")
@RequestScoped
public class HealthResource {

    @Inject
    ServiceInfo info;

    @Inject
    StartupService startup;

    @Inject
    DependencyMonitor monitor;

    @Inject
    JvmHealth jvm;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        Instant now = info.now();
        DependencySnapshot deps = monitor.snapshot();
        boolean stale = monitor.stale(deps, now);
        JvmHealth.State j = jvm.current();
        StartupService.State s = startup.state();
        JsonObject report = HealthReport.build(info.version(), info.uptimeSeconds(), now, s, startup.finished(),
                deps, stale, j);
        boolean healthy = HealthReport.status(s, startup.finished(), deps, stale, j) == HealthReport.Status.HEALTHY;
        CacheControl noCache = new CacheControl();
        noCache.setNoStore(true);
        return Response.status(healthy ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noCache)
                .entity(report).build();
    }
}
