package com.routingml.registry;

import com.routingml.drift.Baseline;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.monitor.DriftSettings;
import com.routingml.events.ModelActivated;
import com.routingml.model.ActivationHistory;
import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingConfig;
import com.routingml.model.TrainingData;
import com.routingml.storage.StorageSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The model version that serves predictions, and the model store behind it.
 *
 * <p>The served model is an immutable object behind an atomic reference: a switch is one reference
 * write, so a prediction in flight finishes on the model it started with and none fails. Every
 * switch is announced as a {@link ModelActivated} event (metrics, drift baseline, readiness).
 * {@link PointerWatcher} follows switches made by other servers sharing the store.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class.getName());

    @Inject
    StorageSettings storage;

    @Inject
    TrainingSettings training;

    @Inject
    DriftSettings drift;

    @Inject
    Event<ModelActivated> activated;

    private final AtomicReference<RoutingModel> current = new AtomicReference<>();
    /** Held by every switch, so a local activation and a followed pointer never interleave. */
    private final Object switchLock = new Object();
    private ModelStore store;
    private ActivationHistory history;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        store = new ModelStore(storage.modelsDir());
        history = new ActivationHistory(store.root());
    }

    /** Promotions and rollbacks, oldest first. */
    public ActivationHistory history() {
        return history;
    }

    /** The serving model, if one is loaded. */
    public Optional<RoutingModel> current() {
        return Optional.ofNullable(current.get());
    }

    public ModelStore store() {
        return store;
    }

    /** Trains a new version from data and saves it (not activated). */
    public RoutingModel trainAndSave(TrainingData data) throws IOException, ModelFormatException {
        TrainingConfig p = training.config();
        p.schema(); // fail before training on an unknown weight column
        String version = store.newVersionId(clock.instant());
        RoutingModel trained = Trainer.train(data, p, version, clock);
        // The drift baseline's calibration is part of the version: computed once, here.
        DriftConfig cfg = drift.config();
        Baseline baseline = Baseline.fit(version, trained.metadata().baselineScores(), cfg);
        trained = trained.withMetadata(
                trained.metadata().withDriftCalibration(cfg.bins(), baseline.calibration().orElse(null)));
        store.save(trained);
        return store.load(version); // what serves is exactly what is on disk
    }

    /**
     * Makes a stored version active: verified, pointer switched atomically, then served.
     *
     * @throws ModelFormatException when the version is missing or corrupt; nothing changes then
     */
    public RoutingModel activate(String version) throws ModelFormatException, IOException {
        synchronized (switchLock) {
            RoutingModel m = store.activate(version);
            serve(m);
            return m;
        }
    }

    /**
     * Makes a stored version active (as {@link #activate(String)}) and records the switch in the
     * {@link #history()}.
     *
     * @throws ModelFormatException when the version is missing or corrupt; nothing changes then
     */
    public RoutingModel activate(String version, ActivationHistory.Kind kind, String actor, String reason)
            throws ModelFormatException, IOException {
        synchronized (switchLock) {
            String previous = current().map(RoutingModel::version).orElse(null);
            RoutingModel m = activate(version);
            history.append(new ActivationHistory.Entry(clock.instant(), kind, version, previous, actor, reason));
            return m;
        }
    }

    /** Serves an already verified model and announces it. */
    public void serve(RoutingModel model) {
        synchronized (switchLock) {
            RoutingModel previous = current.getAndSet(model);
            LOG.info(() -> "serving model " + model.version() + " (" + model.size() + " items)"
                    + (previous == null ? "" : ", replacing " + previous.version()));
            activated.fire(new ModelActivated(model, previous == null ? null : previous.version(), clock.instant()));
        }
    }

    /** The lock every switch holds; a pointer check holds it from reading the served version to serving. */
    Object switchLock() {
        return switchLock;
    }
}
