package com.routingml.health;

/**
 * One dependency readiness depends on, checked in the background by {@link DependencyMonitor}
 * (never on a probe's request thread). Implementations are CDI beans; every bean of this type is
 * picked up, so a new dependency is one more class and no change to the probes.
 *
 * <p>A check must be cheap (file metadata, a header read), must not throw (report DOWN with the
 * reason instead) and must not open an Access connection: UCanAccess loads the whole file.
 */
public interface DependencyCheck {

    /** Stable name, snake_case: the key under {@code checks} in {@code /api/health}. */
    String name();

    /**
     * Whether the service still answers predictions while this dependency is down (the
     * {@code /api/health} status is then {@code degraded} rather than {@code unhealthy}).
     */
    boolean degradesOnly();

    /** The current state. */
    DependencyState check();
}
