package com.routingml.drift.monitor;

import com.routingml.drift.Baseline;
import com.routingml.drift.DriftConfig;
import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.cluster.ClusterMember;
import com.routingml.drift.KlHistory;
import com.routingml.drift.RetrainRule;
import com.routingml.events.DriftDetected;
import com.routingml.events.ModelActivated;
import com.routingml.events.PredictionMade;
import com.routingml.events.RetrainRecommended;
import com.routingml.model.ModelMetadata;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
    /** Events kept in memory at most while the database is down (episodes: a handful a day). */
    static final int MAX_UNSAVED = 10_000;

    @Resource(lookup = "jdbc/routingml")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    DriftSettings settings;

    @Inject
    ClusterMember member;

    @Inject
    Event<DriftDetected> detected;

    @Inject
    Event<RetrainRecommended> retrain;

    @Inject
    @ConfigProperty(name = "routingml.drift.snapshot-seconds", defaultValue = "5")
    long snapshotSeconds;

    private final Clock clock = Clock.systemUTC();
    private final Object writeLock = new Object();
    private final Object snapshotLock = new Object();
    private final AtomicLong observed = new AtomicLong();
    private DriftStore store;
    private volatile DriftDetector detector;
    private volatile Instant lastTrigger;
    /** {@link #lastTrigger} in epoch milliseconds ({@code Long.MIN_VALUE} if none), for the hot path. */
    private volatile long lastTriggerMillis = Long.MIN_VALUE;
    /** Scores fed when the last saved snapshot was taken; -1 before the first. */
    private volatile long savedAtObservation = -1;
    private volatile Instant savedAt;
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    /** Events not written yet (the database was down), oldest first; touched on the serial chain only. */
    private final java.util.ArrayDeque<DriftEvent> unsaved = new java.util.ArrayDeque<>();
    private volatile boolean unsavedLogged;
    private volatile boolean snapshotFailing;
    private ScheduledFuture<?> snapshots;
    /** KL over time for the console's chart: in memory, bounded, restarted with the server. */
    private final KlHistory klHistory = new KlHistory(512);

    @PostConstruct
    void init() {
        store = new DriftStore(dataSource, member.name());
        try {
            store.createSchema();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the drift tables in jdbc/routingml: " + e.getMessage(), e);
        }
        snapshots = scheduler.scheduleWithFixedDelay(this::snapshotQuietly, snapshotSeconds, snapshotSeconds,
                TimeUnit.SECONDS);
    }

    /**
     * Does nothing but make sure the bean exists: creating it boots the embedded database and
     * prepares the tables, which start-up runs in parallel with the model load.
     */
    public void prepare() {
        LOG.fine("drift monitor ready");
    }

    /**
     * KL of the live window now, for the metrics: NaN without a model and while the window is not
     * judged (a KL of a few scores is no reading; NaN compares false, so no alert rule fires).
     */
    public double judgedKl() {
        return judged(true);
    }

    /** PSI of the live window now, for the metrics: NaN as for {@link #judgedKl()}. */
    public double judgedPsi() {
        return judged(false);
    }

    private double judged(boolean kl) {
        DriftDetector d = detector;
        if (d == null) {
            return Double.NaN;
        }
        DriftDetector.Observation o = d.lastObservation();
        return !o.judged() ? Double.NaN : kl ? o.kl() : o.psi();
    }

    /** Whether the drift rule recommends retraining now (no KS test: cheap enough for a scrape). */
    public boolean retrainRecommended() {
        DriftDetector d = detector;
        return d != null && d.retrainReason(clock.instant()).isPresent();
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
        }
    }

    private void restore(DriftDetector d, String version, Instant now) {
        try {
            List<DriftEvent> history = store.ownEvents(Instant.EPOCH, settings.config().historyCapacity());
            Optional<DriftStore.State> state = store.loadState();
            triggered(state.map(DriftStore.State::lastRetrainTrigger).orElse(null));
            if (state.isPresent() && state.get().snapshot().modelVersion().equals(version)) {
                d.restore(state.get().snapshot(), history);
                LOG.info(() -> "drift detector restored: " + state.get().snapshot().windowValues().length
                        + " window scores saved at " + state.get().savedAt() + ", " + history.size() + " events");
            } else {
                d.restore(new DriftDetector.Snapshot(DriftDetector.Snapshot.FORMAT_VERSION, version, new double[0],
                        false, 0), history);
                if (state.isPresent()) {
                    // The model changed while we were down: the old window was judged by another baseline.
                    persist(d.switchBaseline(d.baseline(), now));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "drift state could not be restored; starting with an empty window: "
                    + e.getMessage(), e);
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
            return new Baseline(b.modelVersion(), b.edges(), b.probabilities(), b.sample(), b.smoothingAlpha(),
                    Optional.of(stored));
        }
        LOG.info(() -> "model " + meta.version()
                + " has no calibration for the current drift settings; calibrating now");
        return Baseline.fit(meta.version(), scores, cfg);
    }

    /**
     * Feeds one prediction's best similarity. Runs on the request thread: no I/O, and no
     * allocation unless a drift event is emitted or the retraining rule fires: no {@link Instant},
     * no per-score record.
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
            maybeRecommendRetrain(d, e.time());
        } else if ((count & 63) == 0 && d.windowSevere() && cooledDown()) {
            // The rule on the judged window (KL > severe), every 64 scores, off the event path.
            maybeRecommendRetrain(d, clock.instant());
        }
        if ((count & 63) == 0) {
            // The console's KL over time: a point every 64 scores (no allocation).
            klHistory.offer(clock.millis(), d.kl(), d.windowSize());
        }
    }

    /** Allocation-free pre-check of {@link RetrainRule#mayTrigger}. */
    private boolean cooledDown() {
        long last = lastTriggerMillis;
        return last == Long.MIN_VALUE || clock.millis() - last >= settings.config().retrainCooldown().toMillis();
    }

    private void triggered(Instant at) {
        lastTrigger = at;
        lastTriggerMillis = at == null ? Long.MIN_VALUE : at.toEpochMilli();
    }

    private void maybeRecommendRetrain(DriftDetector d, Instant now) {
        Optional<String> reason = d.retrainReason(now);
        if (reason.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (!RetrainRule.of(settings.config()).mayTrigger(lastTrigger, now)) {
                return;
            }
            triggered(now);
        }
        LOG.warning(() -> "retraining recommended by the drift rule: " + reason.get());
        snapshotQuietly();
        retrain.fireAsync(new RetrainRecommended(now, "drift rule: " + reason.get()));
    }

    /**
     * Writes an event on the serial background chain (order preserved, request thread free). An
     * event the database refuses (it is down) waits in memory, in order, and is written when the
     * database answers again: at the next event or the next snapshot.
     */
    private void persist(DriftEvent e) {
        klHistory.record(e.time().toEpochMilli(), e.kl(), e.windowSize());
        synchronized (writeLock) {
            writes = writes.thenRunAsync(() -> {
                unsaved.addLast(e);
                writeUnsaved();
            }, scheduler);
        }
    }

    /** Queues a retry of the unsaved events on the serial chain. */
    private void retryUnsaved() {
        synchronized (writeLock) {
            writes = writes.thenRunAsync(this::writeUnsaved, scheduler);
        }
    }

    /** On the serial chain only: writes the unsaved events oldest first, keeps the rest on a failure. */
    private void writeUnsaved() {
        while (!unsaved.isEmpty()) {
            try {
                store.append(unsaved.peekFirst());
                unsaved.removeFirst();
            } catch (SQLException ex) {
                while (unsaved.size() > MAX_UNSAVED) {
                    DriftEvent dropped = unsaved.removeFirst();
                    LOG.severe(() -> "drift event dropped, " + MAX_UNSAVED + " more wait for the database: " + dropped);
                }
                if (!unsavedLogged) {
                    unsavedLogged = true;
                    LOG.log(Level.SEVERE, "drift events wait in memory until the database answers: " + ex.getMessage(),
                            ex);
                }
                return;
            }
        }
        if (unsavedLogged) {
            unsavedLogged = false;
            LOG.info("drift events written again: the database answers");
        }
    }

    /** Current status (computes KS: an API call, not the request path of predictions). */
    public Optional<DriftDetector.Status> status() {
        DriftDetector d = detector;
        return d == null ? Optional.empty() : Optional.of(d.status(clock.instant()));
    }

    /**
     * Summary over the last {@code days} days of every server's events (from the shared event log),
     * with the server that recorded each event in the order of {@link RetrainRule.Summary#events()};
     * the recommendation is the rule's over its own period of those events and this server's judged
     * window, as in {@link #status()}.
     */
    public Summary summary(int days) throws SQLException {
        flush();
        Instant now = clock.instant();
        int ruleDays = settings.config().retrainWindowDays();
        List<DriftStore.Recorded> recorded = store.events(now.minus(Duration.ofDays(Math.max(days, ruleDays))), 10_000);
        Map<DriftEvent, String> serverOf = new IdentityHashMap<>();
        recorded.forEach(r -> serverOf.put(r.event(), r.server()));
        List<DriftEvent> events = recorded.stream().map(DriftStore.Recorded::event).toList();
        DriftDetector d = detector;
        RetrainRule.Summary rule = RetrainRule.of(settings.config()).summarize(events, days, now,
                d == null ? OptionalDouble.empty() : d.judgedWindowKl());
        return new Summary(rule, rule.events().stream().map(e -> new DriftStore.Recorded(serverOf.get(e), e)).toList());
    }

    /** {@link #summary}: the rule's reading of all servers' events, and those events with their servers. */
    public record Summary(RetrainRule.Summary rule, List<DriftStore.Recorded> events) {
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
        // The reset is done; a database that is down gets the empty window at the next snapshot.
        savedAtObservation = -1;
        snapshotQuietly();
        return e;
    }

    /** This server's name: the owner of its window and events. */
    public String server() {
        return member.name();
    }

    /** KL of the live window over time since this server started, oldest first (see {@link KlHistory}). */
    public List<KlHistory.Point> klHistory() {
        return klHistory.points();
    }

    public Instant lastRetrainTrigger() {
        return lastTrigger;
    }

    /** When the window was last written to the database by this server, or null if not yet. */
    public Instant windowSavedAt() {
        return savedAt;
    }

    /**
     * Scores fed since the last window snapshot was taken: those a crash now would lose. 0 right
     * after a start (the window is the saved one) and after every snapshot.
     */
    public long unsavedScores() {
        long saved = savedAtObservation;
        return saved < 0 ? observed.get() : observed.get() - saved;
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

    /**
     * Saves the window. Serialised, so an older snapshot never overwrites a newer one; the count
     * is read before the window, so {@link #unsavedScores()} never claims a score is saved that
     * is not.
     */
    private void snapshot() throws SQLException {
        DriftDetector d = detector;
        if (d == null) {
            return;
        }
        synchronized (snapshotLock) {
            long at = observed.get();
            DriftDetector.Snapshot s = d.snapshot();
            Instant now = clock.instant();
            store.saveState(s, now, lastTrigger);
            savedAtObservation = at;
            savedAt = now;
        }
    }

    private void snapshotQuietly() {
        if (unsavedLogged) {
            retryUnsaved();
        }
        try {
            if (observed.get() != savedAtObservation) {
                snapshot();
                if (snapshotFailing) {
                    snapshotFailing = false;
                    LOG.info("drift snapshot saved again");
                }
            }
        } catch (SQLException | RuntimeException e) {
            // Once with the cause, then quietly until it works again (a database outage would repeat it).
            LOG.log(snapshotFailing ? Level.FINE : Level.WARNING, "drift snapshot failed: " + e.getMessage(), e);
            snapshotFailing = true;
        }
    }

    @PreDestroy
    void shutdown() {
        if (snapshots != null) {
            snapshots.cancel(false);
        }
        flush();
        if (!unsaved.isEmpty()) {
            LOG.severe(unsaved.size() + " drift events not written: the database did not answer until shutdown");
        }
        savedAtObservation = -1;
        snapshotQuietly();
    }
}
