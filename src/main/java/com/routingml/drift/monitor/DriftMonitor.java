package com.routingml.drift.monitor;

import com.routingml.drift.Baseline;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.RetrainRule;
import com.routingml.events.DriftDetected;
import com.routingml.events.RetrainRecommended;
import com.routingml.events.ModelActivated;
import com.routingml.model.ModelMetadata;
import com.routingml.events.PredictionMade;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one drift detector (a CDI singleton): fed the best similarity of every
 * prediction, switched to a new baseline when a model is activated, persisted so that a restart —
 * even {@code kill -9} — loses no recorded event and at most one snapshot interval of window.
 *
 * <p>Feeding is O(1) and does no I/O on the request thread that feeds it: events are written by
 * a serial background chain, the window is snapshotted on a schedule and at shutdown (and once when
 * a retraining is recommended, which the retrain rule limits to a few times a month).
 */
@ApplicationScoped
public class DriftMonitor {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class.getName());

    @Resource(lookup = "jdbc/routingml")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    DriftSettings settings;

    @Inject
    Event<DriftDetected> detected;

    @Inject
    Event<RetrainRecommended> retrain;

    @Inject
    @ConfigProperty(name = "routingml.drift.snapshot-seconds", defaultValue = "5")
    long snapshotSeconds;

    private final Clock clock = Clock.systemUTC();
    private final Object writeLock = new Object();
    private final AtomicLong observed = new AtomicLong();
    private DriftStore store;
    private volatile DriftDetector detector;
    private volatile Instant lastTrigger;
    private volatile DriftDetector.Status lastStatus;
    /** KL for the gauge: refreshed from the detector every 64 scores without allocating. */
    private volatile double gaugeKl;
    private long savedAtObservation = -1;
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> snapshots;

    @PostConstruct
    void init() {
        store = new DriftStore(dataSource);
        try {
            store.createSchema();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the drift tables in jdbc/routingml: " + e.getMessage(), e);
        }
        snapshots = scheduler.scheduleWithFixedDelay(this::snapshotQuietly, snapshotSeconds, snapshotSeconds, TimeUnit.SECONDS);
    }

    /**
     * Does nothing but make sure the bean exists: creating it boots the embedded database and
     * prepares the tables, which start-up runs in parallel with the model load.
     */
    public void prepare() {
        LOG.fine("drift monitor ready");
    }

    /** KL of the window as last published (0 before a model serves): for the metrics. */
    public double publishedKl() {
        return detector == null ? 0 : gaugeKl;
    }

    /** PSI of the window as last published (0 before a model serves): for the metrics. */
    public double publishedPsi() {
        DriftDetector.Status s = lastStatus;
        return detector == null || s == null ? 0 : s.psi();
    }

    /** Whether the drift rule recommended retraining at the last published status: for the metrics. */
    public boolean retrainRecommended() {
        DriftDetector.Status s = lastStatus;
        return s != null && s.shouldRetrain();
    }

    /** Publishes a full status to the gauges. */
    private void publish(DriftDetector.Status s) {
        lastStatus = s;
        gaugeKl = s.kl();
    }

    /** A model now serves: install its baseline (restoring persisted state on start-up). */
    void onModelActivated(@Observes ModelActivated activated) {
        ModelMetadata meta = activated.model().metadata();
        Baseline baseline = baselineOf(meta);
        Instant now = clock.instant();
        synchronized (this) {
            if (detector == null) {
                DriftDetector d = new DriftDetector(baseline, settings.config(), clock);
                restore(d, meta.version(), now);
                detector = d;
            } else if (!detector.baseline().modelVersion().equals(meta.version())) {
                persist(detector.switchBaseline(baseline, now));
                snapshotQuietly();
            }
            publish(detector.status(now));
        }
    }

    private void restore(DriftDetector d, String version, Instant now) {
        try {
            List<DriftEvent> history = store.events(Instant.EPOCH, settings.config().historyCapacity());
            Optional<DriftStore.State> state = store.loadState();
            lastTrigger = state.map(DriftStore.State::lastRetrainTrigger).orElse(null);
            if (state.isPresent() && state.get().snapshot().modelVersion().equals(version)) {
                d.restore(state.get().snapshot(), history);
                LOG.info(() -> "drift detector restored: " + state.get().snapshot().windowValues().length
                        + " window scores saved at " + state.get().savedAt() + ", " + history.size() + " events");
            } else {
                d.restore(new DriftDetector.Snapshot(DriftDetector.Snapshot.FORMAT_VERSION, version, new double[0], false, 0), history);
                if (state.isPresent()) {
                    // The model changed while we were down: the old window was judged by another baseline.
                    persist(d.switchBaseline(d.baseline(), now));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "drift state could not be restored; starting with an empty window: " + e.getMessage(), e);
        }
    }

    /** Builds the baseline of a model version: its holdout scores and its stored calibration. */
    Baseline baselineOf(ModelMetadata meta) {
        DriftConfig cfg = settings.config();
        double[] scores = meta.baselineScores();
        if (scores == null || scores.length == 0) {
            throw new IllegalStateException("model " + meta.version() + " has no drift baseline scores");
        }
        Baseline.Calibration stored = meta.driftCalibration();
        if (stored != null && stored.windowSize() == cfg.windowSize() && stored.smoothingAlpha() == cfg.smoothingAlpha()
                && stored.targetFpr() == cfg.targetFalsePositiveRate() && meta.driftBins() == cfg.bins()) {
            Baseline b = Baseline.fit(meta.version(), scores, cfg.toBuilder().calibrationBootstraps(0)
                    .thresholdMode(DriftConfig.ThresholdMode.FIXED).build());
            return new Baseline(b.modelVersion(), b.edges(), b.probabilities(), b.sample(), b.smoothingAlpha(), Optional.of(stored));
        }
        LOG.info(() -> "model " + meta.version() + " has no calibration for the current drift settings; calibrating now");
        return Baseline.fit(meta.version(), scores, cfg);
    }

    /**
     * Feeds one prediction's best similarity. Runs on the request thread: no I/O, and no
     * allocation unless a drift event is emitted: no {@link Instant}, no per-score
     * record; the KL gauge is refreshed every 64 scores from a primitive getter.
     */
    void onPrediction(@Observes PredictionMade made) {
        DriftDetector d = detector;
        if (d == null || made.recommendation().candidates().isEmpty()) {
            return;
        }
        double score = Math.min(1, Math.max(0, made.recommendation().bestScore()));
        DriftEvent e = d.observe(score); // stamped with our clock, read only on an event
        long count = observed.incrementAndGet();
        if (e != null) {
            persist(e);
            detected.fire(new DriftDetected(e));
            DriftDetector.Status s = d.status(e.time());
            publish(s);
            maybeRecommendRetrain(s, e.time());
        } else if ((count & 63) == 0) {
            // Cheap gauge refresh (status() runs a KS test: not per prediction); PSI and the
            // retrain flag are refreshed with the full status (events, API calls, resets).
            gaugeKl = d.kl();
        }
    }

    private void maybeRecommendRetrain(DriftDetector.Status s, Instant now) {
        if (!s.shouldRetrain()) {
            return;
        }
        synchronized (this) {
            if (!RetrainRule.of(settings.config()).mayTrigger(lastTrigger, now)) {
                return;
            }
            lastTrigger = now;
        }
        String reason = "drift rule: " + settings.config().retrainEventCount() + "+ drift events in "
                + settings.config().retrainWindowDays() + " days or KL > " + settings.config().severeKl()
                + " (current KL " + String.format(java.util.Locale.ROOT, "%.3f", s.kl()) + ")";
        LOG.warning(() -> "retraining recommended: " + reason);
        snapshotQuietly();
        retrain.fireAsync(new RetrainRecommended(now, reason));
    }

    /** Writes an event on the serial background chain (order preserved, request thread free). */
    private void persist(DriftEvent e) {
        synchronized (writeLock) {
            writes = writes.thenRunAsync(() -> {
                try {
                    store.append(e);
                } catch (SQLException ex) {
                    LOG.log(Level.SEVERE, "could not persist drift event " + e + ": " + ex.getMessage(), ex);
                }
            }, scheduler);
        }
    }

    /** Current status (computes KS: an API call, not the request path of predictions). */
    public Optional<DriftDetector.Status> status() {
        DriftDetector d = detector;
        if (d == null) {
            return Optional.empty();
        }
        DriftDetector.Status s = d.status(clock.instant());
        publish(s);
        return Optional.of(s);
    }

    /** Summary over the last {@code days} days, from the durable event log. */
    public RetrainRule.Summary summary(int days) throws SQLException {
        flush();
        Instant now = clock.instant();
        List<DriftEvent> events = store.events(now.minus(Duration.ofDays(days)), 10_000);
        return RetrainRule.of(settings.config()).summarize(events, days, now);
    }

    /** Clears the window (history kept); the reset is itself a persisted event. */
    public DriftEvent reset() throws SQLException {
        DriftDetector d = detector;
        if (d == null) {
            throw new IllegalStateException("no model is loaded: nothing to reset");
        }
        DriftEvent e = d.reset(clock.instant());
        persist(e);
        flush();
        snapshot();
        publish(d.status(clock.instant()));
        return e;
    }

    public Instant lastRetrainTrigger() {
        return lastTrigger;
    }

    /** Waits for queued event writes (API reads and shutdown see everything recorded). */
    void flush() {
        CompletableFuture<Void> pending;
        synchronized (writeLock) {
            pending = writes;
        }
        try {
            pending.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "waiting for drift event writes: " + e, e);
        }
    }

    private void snapshot() throws SQLException {
        DriftDetector d = detector;
        if (d == null) {
            return;
        }
        long at = observed.get();
        DriftDetector.Snapshot s = d.snapshot();
        store.saveState(s, clock.instant(), lastTrigger);
        savedAtObservation = at;
    }

    private void snapshotQuietly() {
        try {
            if (observed.get() != savedAtObservation) {
                snapshot();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "drift snapshot failed: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void shutdown() {
        if (snapshots != null) {
            snapshots.cancel(false);
        }
        flush();
        savedAtObservation = -1;
        snapshotQuietly();
    }
}
