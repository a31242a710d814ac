package com.routingml.registry;

import com.routingml.events.ModelActivated;
import com.routingml.model.ActivationHistory;
import com.routingml.model.FeatureSchema;
import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingParams;
import com.routingml.drift.Baseline;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.monitor.DriftSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The model version that serves predictions, and the model store behind it.
 *
 * <p>The served model is an immutable object behind an atomic reference: a switch is one reference
 * write, so a prediction in flight finishes on the model it started with and none fails.
 *
 * <p>Several servers can share one model store. A promotion or rollback on one of them moves the
 * {@code active} pointer; every {@code routingml.model.pointer-check-seconds} (default 30) each
 * server compares the pointer with the version it serves and, when they differ, loads the named
 * version as an activation does (format and SHA-256 verified) and serves it. A version that does
 * not load is refused, logged, and the current model keeps serving.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class.getName());

    @Inject
    @ConfigProperty(name = "routingml.models.dir", defaultValue = "models")
    String modelsDir;

    @Inject
    @ConfigProperty(name = "routingml.model.holdout-fraction", defaultValue = "0.1")
    double holdoutFraction;

    @Inject
    @ConfigProperty(name = "routingml.model.max-holdout", defaultValue = "5000")
    int maxHoldout;

    @Inject
    @ConfigProperty(name = "routingml.model.bandwidth", defaultValue = "0.5")
    double bandwidth;

    @Inject
    @ConfigProperty(name = "routingml.model.sentinel", defaultValue = "9999")
    double sentinel;

    @Inject
    @ConfigProperty(name = "routingml.model.weights", defaultValue = " ")
    String weights;

    @Inject
    @ConfigProperty(name = "routingml.model.seed", defaultValue = "20251005")
    long seed;

    /** How often the active pointer is compared with the served version; 0 turns it off. */
    @Inject
    @ConfigProperty(name = "routingml.model.pointer-check-seconds", defaultValue = "30")
    int pointerCheckSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<ModelActivated> activated;

    @Inject
    DriftSettings drift;

    private final AtomicReference<RoutingModel> current = new AtomicReference<>();
    private final Object switchLock = new Object();
    private ModelStore store;
    private ActivationHistory history;
    private Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> pointerTask;
    private volatile boolean stopping;
    /** The pointer target last refused, as its files were then; retried only once they change. */
    private Target refused;
    private boolean pointerMissingLogged;

    @PostConstruct
    void init() {
        store = new ModelStore(Path.of(modelsDir).toAbsolutePath());
        history = new ActivationHistory(store.root());
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (pointerCheckSeconds < 0) {
            throw new IllegalArgumentException("routingml.model.pointer-check-seconds must be >= 0 (0: off), was " + pointerCheckSeconds);
        }
        if (pointerCheckSeconds == 0) {
            LOG.info("the active pointer is not watched (routingml.model.pointer-check-seconds=0): a promotion on another server "
                    + "reaches this one on its next start or activation only");
            return;
        }
        pointerTask = scheduler.scheduleWithFixedDelay(this::checkPointer, pointerCheckSeconds, pointerCheckSeconds, TimeUnit.SECONDS);
        LOG.info(() -> "active pointer " + store.root().resolve(ModelStore.ACTIVE) + " checked every " + pointerCheckSeconds + " s");
    }

    /** What a pointer check did (package-visible for tests). */
    enum PointerCheck {
        /** No model served yet: start-up loads the first one. */
        NOT_SERVING,
        /** No (readable) pointer: the served model stays. */
        NO_POINTER,
        /** The pointer names the served version. */
        UNCHANGED,
        /** The pointer named another version, which now serves. */
        SWITCHED,
        /** The pointer names a version that does not load; the served model stays. */
        REFUSED,
        /** Refused before, and its files have not changed since: not loaded again. */
        STILL_REFUSED
    }

    /** A version's files as last seen: a refused target is retried when this changes. */
    record Target(String version, FileTime modelJson, FileTime index, long indexSize) {
        static Target of(Path root, String version) {
            Path dir = root.resolve(version);
            return new Target(version, modified(dir.resolve(ModelStore.MODEL_JSON)), modified(dir.resolve(ModelStore.INDEX_BIN)),
                    size(dir.resolve(ModelStore.INDEX_BIN)));
        }

        private static FileTime modified(Path f) {
            try {
                return Files.getLastModifiedTime(f);
            } catch (IOException e) {
                return null;
            }
        }

        private static long size(Path f) {
            try {
                return Files.size(f);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** The scheduled check: never throws, so the schedule goes on. */
    private void checkPointer() {
        if (stopping) {
            return;
        }
        try {
            followPointer();
        } catch (RuntimeException e) {
            LOG.log(stopping ? Level.FINE : Level.WARNING, "active pointer check failed: " + e, e);
        }
    }

    /**
     * Serves the version the {@code active} pointer names if it is not the served one (another
     * server promoted or rolled back, or an operator edited the pointer). The new version is loaded
     * and verified as {@link #activate(String)} does, but the pointer is not written and nothing is
     * added to the history: whoever moved the pointer did both.
     */
    PointerCheck followPointer() {
        synchronized (switchLock) { // after a local activation, not in the middle of one
            RoutingModel served = current.get();
            if (served == null) {
                return PointerCheck.NOT_SERVING;
            }
            Optional<String> pointer;
            try {
                pointer = store.activeVersion();
            } catch (IOException e) {
                pointer = Optional.empty();
            }
            if (pointer.isEmpty() || !ModelStore.isValidVersion(pointer.get())) {
                if (!pointerMissingLogged) {
                    pointerMissingLogged = true;
                    LOG.warning("the active pointer " + store.root().resolve(ModelStore.ACTIVE) + " is missing, empty or invalid; still serving "
                            + served.version() + " (a restart would not find it)");
                }
                return PointerCheck.NO_POINTER;
            }
            pointerMissingLogged = false;
            String version = pointer.get();
            if (version.equals(served.version())) {
                refused = null;
                return PointerCheck.UNCHANGED;
            }
            Target target = Target.of(store.root(), version);
            if (target.equals(refused)) {
                return PointerCheck.STILL_REFUSED;
            }
            RoutingModel next;
            try {
                next = store.load(version);
            } catch (ModelFormatException e) {
                refused = target;
                LOG.severe("the active pointer names model " + version + ", which cannot be loaded: " + e.getMessage() + "; still serving "
                        + served.version() + " (tried again when the version's files change)");
                return PointerCheck.REFUSED;
            }
            refused = null;
            LOG.info(() -> "the active pointer moved from " + served.version() + " to " + version + " (another server or an operator): verified, switching");
            serve(next);
            return PointerCheck.SWITCHED;
        }
    }

    /** Stops the pointer checks before the application's beans go away. */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (pointerTask != null) {
            pointerTask.cancel(false);
        }
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

    /** Training settings from configuration (validated: a bad value fails with its name). */
    public TrainingParams params() {
        return new TrainingParams(holdoutFraction, maxHoldout, bandwidth, sentinel, FeatureSchema.parseWeights(weights.trim()), seed);
    }

    /** Trains a new version from data and saves it (not activated). */
    public RoutingModel trainAndSave(TrainingData data) throws IOException, ModelFormatException {
        TrainingParams p = params();
        p.schema(); // fail before training on an unknown weight column
        String version = store.newVersionId(clock.instant());
        RoutingModel trained = Trainer.train(data, p, version, clock);
        // The drift baseline's calibration is part of the version: computed once, here.
        DriftConfig cfg = drift.config();
        Baseline baseline = Baseline.fit(version, trained.metadata().baselineScores(), cfg);
        trained = trained.withMetadata(trained.metadata().withDriftCalibration(cfg.bins(), baseline.calibration().orElse(null)));
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

    /** Serves an already verified model (start-up load of the active pointer). */
    public void serve(RoutingModel model) {
        RoutingModel previous = current.getAndSet(model);
        LOG.info(() -> "serving model " + model.version() + " (" + model.size() + " items)"
                + (previous == null ? "" : ", replacing " + previous.version()));
        activated.fire(new ModelActivated(model, previous == null ? null : previous.version(), clock.instant()));
    }
}
