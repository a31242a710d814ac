package com.routingml.health;

import com.routingml.events.ModelActivated;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the state of every {@link DependencyCheck} in a snapshot refreshed in the background, so
 * probes answer from memory in microseconds and never touch a file or a database on the request
 * thread. The snapshot carries its time; older than {@code routingml.health.max-staleness-seconds}
 * it is not trusted (the refresher has stopped) and readiness reports DOWN.
 *
 * <p>Refreshes every {@code routingml.health.refresh-seconds} on the managed scheduled executor, and
 * at once when a model is activated.
 */
@ApplicationScoped
public class DependencyMonitor {

    private static final Logger LOG = Logger.getLogger(DependencyMonitor.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @Any
    Instance<DependencyCheck> checks;

    @Inject
    HealthSettings settings;

    private int refreshSeconds;
    private int maxStalenessSeconds;

    private final Clock clock = Clock.systemUTC();
    private volatile DependencySnapshot snapshot = DependencySnapshot.NONE;
    private ScheduledFuture<?> task;
    private volatile boolean stopping;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        refreshSeconds = settings.refreshSeconds();
        maxStalenessSeconds = settings.maxStalenessSeconds();
        task = scheduler.scheduleWithFixedDelay(this::refresh, 0, refreshSeconds, TimeUnit.SECONDS);
        LOG.info(() -> "dependency health refreshed every " + refreshSeconds + " s (stale after "
                + maxStalenessSeconds + " s)");
    }

    /** A model switch changes what readiness checks: refresh now rather than at the next tick. */
    void onModelActivated(@Observes ModelActivated event) {
        refresh();
    }

    /** Runs every check once and publishes the result. Never throws: the schedule must go on. */
    synchronized void refresh() {
        if (stopping) {
            return;
        }
        try {
            refreshAll();
        } catch (RuntimeException e) {
            // e.g. the container shutting down under a running refresh; the next tick retries
            LOG.log(stopping ? Level.FINE : Level.WARNING, "dependency refresh failed: " + e, e);
        }
    }

    private void refreshAll() {
        Map<String, DependencyState> states = new LinkedHashMap<>();
        Set<String> degradeOnly = new HashSet<>();
        for (DependencyCheck c : ordered()) {
            DependencyState s;
            try {
                s = c.check();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "health check " + c.name() + " failed: " + e, e);
                s = DependencyState.down("check failed: " + e);
            }
            DependencyState previous = snapshot.states().get(c.name());
            if (previous == null || previous.up() != s.up()) {
                DependencyState now = s;
                LOG.log(s.up() ? Level.INFO : Level.WARNING,
                        () -> "dependency " + c.name() + " is " + (now.up() ? "UP" : "DOWN") + ": " + now.detail());
            }
            states.put(c.name(), s);
            if (c.degradesOnly()) {
                degradeOnly.add(c.name());
            }
        }
        snapshot = new DependencySnapshot(clock.instant(), states, degradeOnly);
    }

    private List<DependencyCheck> ordered() {
        return checks.stream().sorted(java.util.Comparator.comparing(DependencyCheck::name)).toList();
    }

    /** The latest states (never {@code null}; {@link DependencySnapshot#NONE} before the first refresh). */
    public DependencySnapshot snapshot() {
        return snapshot;
    }

    /** Whether the snapshot is too old to trust at {@code now}. */
    public boolean stale(DependencySnapshot s, Instant now) {
        return s.stale(now, maxStaleness());
    }

    public Duration maxStaleness() {
        return Duration.ofSeconds(maxStalenessSeconds);
    }

    /** Stops refreshing before the application's beans go away. */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
