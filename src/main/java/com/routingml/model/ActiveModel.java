package com.routingml.model;

import com.routingml.drift.Baseline;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.DriftSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The model version that serves predictions, and the model store behind it.
 *
 * <p>The served model is an immutable object behind an atomic reference: a switch is one reference
 * write, so a prediction in flight finishes on the model it started with and none fails.
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

    @Inject
    Event<ModelActivated> activated;

    @Inject
    DriftSettings drift;

    private final AtomicReference<RoutingModel> current = new AtomicReference<>();
    private final Object switchLock = new Object();
    private ModelStore store;
    private ActivationHistory history;
    private Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        store = new ModelStore(Path.of(modelsDir).toAbsolutePath());
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
