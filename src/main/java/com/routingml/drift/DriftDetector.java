package com.routingml.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Concept-drift detector over the best-neighbour similarity scores of one model: a sliding window
 * of the last {@code N} scores compared with the model's {@link Baseline} on the same bins.
 *
 * <h2>State machine (events are episodes, not predictions)</h2>
 * Let {@code kl} be {@code D_KL(P_window || Q_baseline)} after a score is added, {@code n} the
 * window fill, {@code T(n)} the threshold in force and {@code C(n) = T(n) * clearThreshold /
 * threshold} the clear threshold (hysteresis). Nothing is judged while {@code n < minScores}:
 * no event, tier {@link Tier#UNJUDGED}, and the window plays no part in the retraining rule.
 * <pre>
 *   NORMAL   --(kl &gt; T)--&gt;  DRIFTING   emits a DRIFT event
 *   DRIFTING --(kl &lt; C)--&gt;  NORMAL     no event (logged)
 *   DRIFTING, kl &gt; T and &gt;= N scores since the last DRIFT event  emits another DRIFT event
 * </pre>
 * So a sustained drift of {@code m} scores emits at most {@code 1 + m/N} events, and a KL
 * hovering around {@code T} does not flap. (The earlier system logged an event for every
 * prediction while drifting.)
 *
 * <h2>Threshold in force</h2>
 * FIXED: {@code T(n) = threshold}. CALIBRATED: {@code T(n) = t_N * N / n} for {@code n < N} and
 * {@code t_N} for a full window, where {@code t_N} is the baseline's calibrated threshold for
 * windows of {@code N}. The plug-in null KL scales like {@code 1/n}, so the scaling keeps a
 * partly filled window (after a reset or switch) from raising false alarms; it is conservative
 * because the baseline's share of the null KL does not grow as {@code n} falls.
 *
 * <h2>Cost</h2>
 * {@link #observe} is O(log B + K): one window update plus a KL over the maintained counts; no
 * histogram is rebuilt, and nothing is allocated unless an event is emitted: it returns the event
 * or {@code null}, and the KL and state after the score are read from getters. The exact KS test
 * ({@link TwoSampleKs}: a sort plus up to {@code N m} cells for a baseline sample of {@code m})
 * runs only when an event is emitted (at most once per {@code N} scores) and in {@link #status}.
 *
 * <p>Thread-safe: every public method is {@code synchronized} on this detector. Emitted events
 * are returned to the caller, which persists them; the detector also keeps the last
 * {@code historyCapacity} events in memory.
 */
public final class DriftDetector {

    private static final Logger LOG = Logger.getLogger(DriftDetector.class.getName());

    /**
     * The detector's state after the last score, built on demand by {@link #lastObservation()}
     * (not by {@link #observe}, which allocates nothing unless it emits an event).
     *
     * @param kl         D_KL(P||Q) of the window after the last score (0 if the window is empty)
     * @param psi        PSI of the window after the last score (0 if the window is empty)
     * @param judged     whether the window has {@code >= minScores}, i.e. drift is judged
     * @param drifting   episode state
     * @param threshold  {@code T(n)} in force
     * @param tier       magnitude reading of {@code kl}; {@link Tier#UNJUDGED} if not judged
     * @param windowSize scores in the window
     */
    public record Observation(double kl, double psi, boolean judged, boolean drifting, double threshold,
                              Tier tier, int windowSize) {
    }

    /**
     * Current state, the body of {@code GET /api/drift/status}. KS is computed on demand here.
     *
     * @param driftDetected        the episode state (DRIFTING), not merely {@code kl > threshold}
     * @param kl                   current KL (0 if the window is empty)
     * @param threshold            threshold in force {@code T(n)}
     * @param fixedThreshold       configured fixed threshold
     * @param calibratedThreshold  baseline's calibrated {@code t_N}, if available
     * @param thresholdMode        mode in force
     * @param judged               whether {@code bufferSize >= minScores}
     * @param minScores            configured minimum fill
     * @param bufferSize           scores in the window
     * @param bufferMean           window mean (0 if empty)
     * @param bufferStd            window population std (0 if empty)
     * @param psi                  current PSI (0 if empty)
     * @param ksStatistic          KS statistic (0 if the window is empty)
     * @param ksPValue             exact KS p-value (1 if the window is empty)
     * @param tier                 magnitude reading of {@code kl}; {@link Tier#UNJUDGED} if not
     *                             judged
     * @param baselineModelVersion model version of the baseline in force
     * @param shouldRetrain        {@link RetrainRule#shouldRetrain} over the in-memory history and
     *                             the judged window (the cooldown is the caller's to check)
     * @param retrainReason        {@link RetrainRule#reason}, or null if retraining is not
     *                             recommended
     */
    public record Status(boolean driftDetected, double kl, double threshold, double fixedThreshold,
                         OptionalDouble calibratedThreshold, DriftConfig.ThresholdMode thresholdMode,
                         boolean judged, int minScores, int bufferSize, double bufferMean,
                         double bufferStd, double psi, double ksStatistic, double ksPValue,
                         Tier tier, String baselineModelVersion, boolean shouldRetrain,
                         String retrainReason) {
    }

    /**
     * Durable state for a restart. Versioned: {@link #restore} rejects formats it does not know.
     *
     * @param formatVersion         {@link #FORMAT_VERSION}
     * @param modelVersion          the baseline model version the window was judged against
     * @param windowValues          the window, oldest first
     * @param drifting              the episode state
     * @param scoresSinceLastEvent  scores since the last DRIFT event of the current episode
     */
    public record Snapshot(int formatVersion, String modelVersion, double[] windowValues,
                           boolean drifting, long scoresSinceLastEvent) {
        /** The only snapshot format this class writes and reads. */
        public static final int FORMAT_VERSION = 1;

        public Snapshot {
            Objects.requireNonNull(modelVersion, "modelVersion");
            windowValues = Objects.requireNonNull(windowValues, "windowValues").clone();
            if (scoresSinceLastEvent < 0) {
                throw new IllegalArgumentException("scoresSinceLastEvent must be >= 0, got "
                        + scoresSinceLastEvent);
            }
        }

        @Override
        public double[] windowValues() {
            return windowValues.clone();
        }
    }

    private final DriftConfig cfg;
    private final RetrainRule rule;
    private final Clock clock;
    private final ArrayDeque<DriftEvent> history;

    private Baseline baseline;
    private double[] q;
    private double calibrated;   // NaN if unavailable
    private SlidingWindow window;
    private boolean drifting;
    private long scoresSinceEvent;
    private double lastKl;       // KL after the last score; 0 for an empty window

    /** A detector using the system UTC clock for {@link #status()} and {@link #observe(double)}. */
    public DriftDetector(Baseline baseline, DriftConfig cfg) {
        this(baseline, cfg, Clock.systemUTC());
    }

    /**
     * @param baseline the baseline of the active model
     * @param cfg      the settings; bins and smoothing must match the baseline's
     * @param clock    the clock of the no-argument {@link #status()}, and of the events emitted
     *                 by {@link #observe(double)} (read only when an event is emitted)
     * @throws IllegalArgumentException if the baseline was fitted with other bins or smoothing,
     *                                  or the mode is CALIBRATED and the baseline has no
     *                                  calibration for this window size and smoothing
     */
    public DriftDetector(Baseline baseline, DriftConfig cfg, Clock clock) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rule = RetrainRule.of(cfg);
        this.history = new ArrayDeque<>(Math.min(cfg.historyCapacity(), 1024));
        install(baseline);
    }

    private void install(Baseline b) {
        Objects.requireNonNull(b, "baseline");
        if (b.edges().requestedBins() != cfg.bins()) {
            throw new IllegalArgumentException("baseline " + b.modelVersion() + " has "
                    + b.edges().requestedBins() + " bins, config asks for " + cfg.bins());
        }
        if (Double.compare(b.smoothingAlpha(), cfg.smoothingAlpha()) != 0) {
            throw new IllegalArgumentException("baseline " + b.modelVersion() + " was smoothed with"
                    + " alpha=" + b.smoothingAlpha() + ", config asks for " + cfg.smoothingAlpha());
        }
        double cal = b.calibration()
                .filter(c -> c.windowSize() == cfg.windowSize()
                        && Double.compare(c.smoothingAlpha(), cfg.smoothingAlpha()) == 0)
                .map(Baseline.Calibration::threshold)
                .orElse(Double.NaN);
        if (cfg.thresholdMode() == DriftConfig.ThresholdMode.CALIBRATED && Double.isNaN(cal)) {
            throw new IllegalArgumentException("thresholdMode CALIBRATED but baseline "
                    + b.modelVersion() + " has no calibration for windowSize=" + cfg.windowSize()
                    + ", alpha=" + cfg.smoothingAlpha() + ": " + b.calibration());
        }
        if (b.calibration().isPresent() && Double.isNaN(cal)) {
            LOG.warning(() -> "calibration of baseline " + b.modelVersion()
                    + " does not match the config; calibrated threshold unavailable");
        }
        this.baseline = b;
        this.q = b.probabilitiesView();
        this.calibrated = cal;
        this.window = new SlidingWindow(cfg.windowSize(), b.edges());
        this.drifting = false;
        this.scoresSinceEvent = 0;
        this.lastKl = 0;
    }

    /**
     * Feeds one prediction's similarity score; an emitted event is stamped with the detector's
     * clock, which is read only then.
     *
     * <p>Hot path: O(log B + K) and <b>allocation-free</b> unless a DRIFT event is emitted (at
     * most once per {@code N} scores; episode start and clear also log). The KL, state and
     * threshold after the score are available from the cheap getters ({@link #kl()},
     * {@link #isDrifting()}, {@link #isJudged()}, {@link #threshold()}, {@link #tier()},
     * {@link #windowSize()}) or {@link #lastObservation()}; read under this detector's lock (or
     * from a single feeding thread) they describe exactly this call.
     *
     * @param score best-neighbour similarity, finite, in [0, 1]
     * @return the DRIFT event emitted by this score (caller persists it), or {@code null}
     * @throws IllegalArgumentException if the score is NaN, infinite or outside [0, 1]; the
     *                                  detector is unchanged then
     */
    public synchronized DriftEvent observe(double score) {
        return advance(score) ? record(DriftEvent.Kind.DRIFT, clock.instant(),
                baseline.modelVersion()) : null;
    }

    /**
     * As {@link #observe(double)}, with an explicit prediction time (replays, tests); the
     * {@link Instant} is created only if an event is emitted.
     *
     * @param epochMillis the prediction time, milliseconds since the epoch (recorded on an
     *                    emitted event)
     */
    public synchronized DriftEvent observe(double score, long epochMillis) {
        return advance(score) ? record(DriftEvent.Kind.DRIFT, Instant.ofEpochMilli(epochMillis),
                baseline.modelVersion()) : null;
    }

    /**
     * Adds the score and steps the state machine; allocation-free except for the log records of
     * episode transitions.
     *
     * @return whether a DRIFT event is to be emitted (the caller records it)
     */
    private boolean advance(double score) {
        window.add(score);
        if (drifting) {
            scoresSinceEvent++;
        }
        int n = window.size();
        double kl = DriftStatistics.klFromCounts(window.countsView(), n, cfg.smoothingAlpha(), q);
        lastKl = kl;
        if (n < cfg.minScores()) {
            return false;
        }
        double thr = thresholdInForce(n);
        if (!drifting) {
            if (kl > thr) {
                drifting = true;
                scoresSinceEvent = 0;
                LOG.log(Level.INFO, "drift episode started: kl={0} > threshold={1}",
                        new Object[] {kl, thr});
                return true;
            }
        } else if (kl < thr * cfg.clearRatio()) {
            drifting = false;
            LOG.log(Level.INFO, "drift episode cleared: kl={0} < clear threshold={1}",
                    new Object[] {kl, thr * cfg.clearRatio()});
        } else if (kl > thr && scoresSinceEvent >= cfg.windowSize()) {
            scoresSinceEvent = 0;
            LOG.log(Level.INFO, "drift continues: kl={0} > threshold={1}",
                    new Object[] {kl, thr});
            return true;
        }
        return false;
    }

    /** KL of the window after the last score (0 if the window is empty). Allocation-free. */
    public synchronized double kl() {
        return lastKl;
    }

    /** The episode state (DRIFTING). */
    public synchronized boolean isDrifting() {
        return drifting;
    }

    /** Whether the window holds {@code >= minScores} scores, i.e. drift is judged. */
    public synchronized boolean isJudged() {
        return window.size() >= cfg.minScores();
    }

    /** The threshold in force {@code T(n)} for the current window fill. */
    public synchronized double threshold() {
        return thresholdInForce(window.size());
    }

    /** Magnitude reading of {@link #kl()}; {@link Tier#UNJUDGED} while the window is not judged. */
    public synchronized Tier tier() {
        return Tier.of(lastKl, window.size(), cfg);
    }

    /**
     * Whether the judged window alone recommends retraining ({@link RetrainRule}, condition 3:
     * its KL exceeds the severe bound). Allocation-free, for the per-prediction path.
     */
    public synchronized boolean windowSevere() {
        return rule.windowSevere(window.size() >= cfg.minScores(), lastKl);
    }

    /** The window's KL if it is judged, else empty. */
    private OptionalDouble judgedKl() {
        return window.size() >= cfg.minScores() ? OptionalDouble.of(lastKl) : OptionalDouble.empty();
    }

    /**
     * {@link RetrainRule#reason} over the in-memory history and the judged window, at {@code now}.
     * No KS test: cheap enough for a metrics scrape.
     */
    public synchronized Optional<String> retrainReason(Instant now) {
        return rule.reason(List.copyOf(history), now, judgedKl());
    }

    /** The window's KL if it is judged, else empty (for the durable-history summary). */
    public synchronized OptionalDouble judgedWindowKl() {
        return judgedKl();
    }

    /** Scores in the window. */
    public synchronized int windowSize() {
        return window.size();
    }

    /** The state after the last score, as one consistent record (allocates it). */
    public synchronized Observation lastObservation() {
        int n = window.size();
        double psi = n == 0 ? 0 : DriftStatistics.psiFromCounts(window.countsView(), n, cfg.smoothingAlpha(), q);
        return new Observation(lastKl, psi, n >= cfg.minScores(), drifting, thresholdInForce(n),
                Tier.of(lastKl, n, cfg), n);
    }

    /** {@code T(n)}; see the class documentation. */
    private double thresholdInForce(int n) {
        if (cfg.thresholdMode() == DriftConfig.ThresholdMode.FIXED) {
            return cfg.threshold();
        }
        int big = cfg.windowSize();
        return n >= big ? calibrated : calibrated * big / Math.max(1, n);
    }

    /** Builds an event from the current window, appends it to the history and returns it. */
    private DriftEvent record(DriftEvent.Kind kind, Instant now, String modelVersion) {
        int n = window.size();
        DriftEvent e;
        if (n == 0) {
            e = new DriftEvent(now, kind, 0, 0, 0, 1, 0, 0, 0, modelVersion, Tier.UNJUDGED);
        } else {
            int[] c = window.countsView();
            double kl = DriftStatistics.klFromCounts(c, n, cfg.smoothingAlpha(), q);
            double psi = DriftStatistics.psiFromCounts(c, n, cfg.smoothingAlpha(), q);
            DriftStatistics.KsResult ks = ks();
            e = new DriftEvent(now, kind, kl, psi, ks.statistic(), ks.pValue(), window.mean(),
                    window.std(), n, modelVersion, Tier.of(kl, n, cfg));
        }
        if (history.size() == cfg.historyCapacity()) {
            history.removeFirst();
        }
        history.addLast(e);
        return e;
    }

    /** KS of the window vs the baseline sample; (0, 1) when the window is empty. */
    private DriftStatistics.KsResult ks() {
        if (window.size() == 0) {
            return new DriftStatistics.KsResult(0, 1);
        }
        return DriftStatistics.ks(window.values(), baseline.sampleView());
    }

    /** {@link #status(Instant)} at the detector clock's current instant. */
    public Status status() {
        return status(clock.instant());
    }

    /**
     * The current state; computes PSI and the KS test on demand.
     *
     * @param now reference time of the retraining rule's window
     */
    public synchronized Status status(Instant now) {
        Objects.requireNonNull(now, "now");
        int n = window.size();
        double kl = 0;
        double psi = 0;
        double ksD = 0;
        double ksP = 1;
        if (n > 0) {
            int[] c = window.countsView();
            kl = DriftStatistics.klFromCounts(c, n, cfg.smoothingAlpha(), q);
            psi = DriftStatistics.psiFromCounts(c, n, cfg.smoothingAlpha(), q);
            DriftStatistics.KsResult ks = ks();
            ksD = ks.statistic();
            ksP = ks.pValue();
        }
        Optional<String> reason = rule.reason(List.copyOf(history), now,
                n >= cfg.minScores() ? OptionalDouble.of(kl) : OptionalDouble.empty());
        return new Status(drifting, kl, thresholdInForce(n), cfg.threshold(),
                Double.isNaN(calibrated) ? OptionalDouble.empty() : OptionalDouble.of(calibrated),
                cfg.thresholdMode(), n >= cfg.minScores(), cfg.minScores(), n, window.mean(),
                window.std(), psi, ksD, ksP, Tier.of(kl, n, cfg), baseline.modelVersion(),
                reason.isPresent(), reason.orElse(null));
    }

    /**
     * Clears the window (typically after retraining) and records a RESET event describing the
     * discarded window. The history is kept.
     *
     * @return the RESET event (caller persists it)
     */
    public synchronized DriftEvent reset(Instant now) {
        Objects.requireNonNull(now, "now");
        DriftEvent e = record(DriftEvent.Kind.RESET, now, baseline.modelVersion());
        window.clear();
        drifting = false;
        scoresSinceEvent = 0;
        lastKl = 0;
        LOG.info(() -> "drift detector reset; discarded " + e.windowSize() + " scores");
        return e;
    }

    /**
     * Replaces the baseline with that of a newly promoted model, clears the window and records a
     * BASELINE_SWITCH event (figures of the discarded window vs the old baseline, model version
     * of the new one). The history is kept.
     *
     * @throws IllegalArgumentException as the constructor, if the new baseline does not fit the
     *                                  config; the detector is unchanged then
     */
    public synchronized DriftEvent switchBaseline(Baseline newBaseline, Instant now) {
        Objects.requireNonNull(newBaseline, "newBaseline");
        Objects.requireNonNull(now, "now");
        Baseline old = baseline;
        SlidingWindow oldWindow = window;
        double[] oldQ = q;
        double oldCal = calibrated;
        install(newBaseline); // validates first; restore on failure below is not needed then
        // Describe the discarded window against the old baseline.
        Baseline nb = baseline;
        SlidingWindow nw = window;
        double[] nq = q;
        double ncal = calibrated;
        baseline = old;
        window = oldWindow;
        q = oldQ;
        calibrated = oldCal;
        DriftEvent e = record(DriftEvent.Kind.BASELINE_SWITCH, now, nb.modelVersion());
        baseline = nb;
        window = nw;
        q = nq;
        calibrated = ncal;
        drifting = false;
        scoresSinceEvent = 0;
        LOG.info(() -> "drift baseline switched from " + old.modelVersion() + " to "
                + nb.modelVersion());
        return e;
    }

    /** The durable state (window values and episode state) for {@link #restore}. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(Snapshot.FORMAT_VERSION, baseline.modelVersion(), window.values(),
                drifting, scoresSinceEvent);
    }

    /**
     * Restores the state saved before a restart, so the window need not refill and an ongoing
     * episode does not emit a duplicate event.
     *
     * @param snapshot state from {@link #snapshot()}; window values beyond {@code N} keep the
     *                 newest
     * @param history  persisted events, oldest first; only the newest {@code historyCapacity} are
     *                 kept in memory
     * @throws IllegalArgumentException if the format version is unknown, the snapshot belongs to
     *                                  another baseline model version, or a value is invalid; the
     *                                  detector is unchanged then
     */
    public synchronized void restore(Snapshot snapshot, List<DriftEvent> history) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(history, "history");
        if (snapshot.formatVersion() != Snapshot.FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported snapshot format "
                    + snapshot.formatVersion() + " (this version reads " + Snapshot.FORMAT_VERSION
                    + ")");
        }
        if (!snapshot.modelVersion().equals(baseline.modelVersion())) {
            throw new IllegalArgumentException("snapshot was taken against baseline "
                    + snapshot.modelVersion() + ", active baseline is " + baseline.modelVersion());
        }
        for (DriftEvent e : history) {
            Objects.requireNonNull(e, "history holds a null event");
        }
        window.restore(snapshot.windowValues()); // validates before changing anything
        drifting = snapshot.drifting();
        scoresSinceEvent = snapshot.scoresSinceLastEvent();
        int n = window.size();
        lastKl = n == 0 ? 0
                : DriftStatistics.klFromCounts(window.countsView(), n, cfg.smoothingAlpha(), q);
        this.history.clear();
        int skip = Math.max(0, history.size() - cfg.historyCapacity());
        for (int i = skip; i < history.size(); i++) {
            this.history.addLast(history.get(i));
        }
    }

    /** The in-memory history, oldest first. */
    public synchronized List<DriftEvent> history() {
        return List.copyOf(history);
    }

    /** {@link RetrainRule#summarize} over the in-memory history and the judged window. */
    public synchronized RetrainRule.Summary summary(int days, Instant now) {
        return rule.summarize(List.copyOf(history), days, now, judgedKl());
    }

    /** The baseline in force. */
    public synchronized Baseline baseline() {
        return baseline;
    }

    /** The configuration. */
    public DriftConfig config() {
        return cfg;
    }
}
