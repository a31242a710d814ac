package com.routingml.lifecycle;

import com.routingml.access.AccessDatabase;
import com.routingml.access.RoutingValidity;
import com.routingml.drift.monitor.DriftMonitor;
import com.routingml.registry.ModelRegistry;
import com.routingml.model.RoutingModel;
import com.routingml.model.TrainingDataLoader;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the service to a serving state in the background, so the server answers probes while it
 * works: generate the embedded sample database if needed, then load the active model — or, on a
 * first start with an empty model store, train one from the Access file and activate it.
 *
 * <p>An active pointer that names a missing or corrupt version is reported (FAILED) and left as
 * is: we never train over an operator's choice. A rollback ({@code POST /api/models/{v}/activate})
 * or a fixed file recovers.
 */
@ApplicationScoped
public class StartupService {

    /** Where start-up is. */
    public enum Phase { STARTING, PREPARING_DATA, TRAINING, LOADING, READY, FAILED }

    /** Start-up state as reported by health. */
    public record State(Phase phase, String message, Instant since) {
    }

    private static final Logger LOG = Logger.getLogger(StartupService.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    AccessDatabase access;

    @Inject
    EmbeddedSample sample;

    @Inject
    ModelRegistry active;

    @Inject
    DriftMonitor drift;

    private volatile State state = new State(Phase.STARTING, "application starting", Instant.now());


    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor.submit(this::bringUp);
    }

    void bringUp() {
        Instant t0 = Instant.now();
        // Boot the embedded database of the drift state (seconds) while the model loads; the
        // model's activation then only reads the saved window.
        CompletableFuture<Void> driftReady = CompletableFuture.runAsync(drift::prepare, executor);
        try {
            set(Phase.PREPARING_DATA, "checking the Access database " + access.file());
            sample.ensure();
            Optional<String> version = active.store().activeVersion();
            if (version.isPresent()) {
                set(Phase.LOADING, "loading active model " + version.get());
                active.activate(version.get());
            } else {
                set(Phase.TRAINING, "no active model in " + active.store().root() + ": training from " + access.file());
                RoutingModel trained = active.trainAndSave(
                        TrainingDataLoader.fromAccess(access.file(), RoutingValidity.today()));
                active.activate(trained.version());
            }
            driftReady.join();
            String v = active.current().map(RoutingModel::version).orElse("?");
            set(Phase.READY, "serving model " + v + " after " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        } catch (Exception | LinkageError e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.SEVERE, "start-up failed in phase " + state.phase() + ": " + cause.getMessage(), cause);
            set(Phase.FAILED, state.phase() + " failed: " + cause.getMessage());
        }
    }

    private void set(Phase phase, String message) {
        state = new State(phase, message, Instant.now());
        LOG.info(() -> "start-up " + phase + ": " + message);
    }

    public State state() {
        return state;
    }

    /** Whether start-up has finished (successfully or not): the started probe. */
    public boolean finished() {
        Phase p = state.phase();
        return p == Phase.READY || p == Phase.FAILED;
    }
}
