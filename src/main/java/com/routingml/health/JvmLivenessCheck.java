package com.routingml.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM can serve: heap not exhausted after GC, no deadlocked threads. Deliberately
 * independent of the Access file and the model store: a missing file is a readiness matter, and
 * restarting the process would not bring it back.
 */
@Liveness
@ApplicationScoped
public class JvmLivenessCheck implements HealthCheck {

    @Inject
    JvmHealth jvm;

    @Override
    public HealthCheckResponse call() {
        JvmHealth.State s = jvm.current();
        return HealthCheckResponse.named("jvm").status(s.up())
                .withData("heap_after_gc_percent", Math.round(s.heapAfterGcRatio() * 100))
                .withData("deadlocked_threads", s.deadlockedThreads())
                .withData("detail", s.detail()).build();
    }
}
