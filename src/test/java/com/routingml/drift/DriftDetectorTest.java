package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    private static final Instant T0 = Instant.parse("2025-10-05T00:00:00Z");
    private static final long T0_MS = T0.toEpochMilli();
    private static final DriftConfig FIXED = DriftConfig.builder().calibrationBootstraps(0).build();

    private static Baseline baseline(String version, long seed) {
        return Baseline.fit(version, Scores.withTies(seed).sample(5000, 0), FIXED);
    }

    private static void add(List<DriftEvent> events, DriftEvent e) {
        if (e != null) {
            events.add(e);
        }
    }

    /**
     * Feeding a score allocates nothing unless an event is emitted. Counts the bytes the
     * JVM allocated on this thread (HotSpot's per-thread TLAB accounting), not time.
     */
    @Test
    void observeAllocatesNothingWithoutAnEvent() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.routingml.testing.Prerequisites.require(mx.isThreadAllocatedMemorySupported(),
                "per-thread allocation accounting of the JVM", "a HotSpot JVM");
        mx.setThreadAllocatedMemoryEnabled(true);
        Baseline b = baseline("m1", 1);
        DriftDetector clocked = new DriftDetector(b, FIXED, Clock.fixed(T0, ZoneOffset.UTC));
        DriftDetector explicit = new DriftDetector(b, FIXED);
        Scores s = Scores.withTies(1);
        int n = 4096;
        double[] stream = new double[n];     // drawn up front: the generator may allocate
        for (int i = 0; i < n; i++) {
            stream[i] = s.next(0);
        }
        long tid = Thread.currentThread().getId();
        int events = 0;
        // warm-up (JIT) and a full window, so the loop measures the production steady state
        for (int i = 0; i < 200_000; i++) {
            events += (clocked.observe(stream[i & (n - 1)]) == null ? 0 : 1)
                    + (explicit.observe(stream[i & (n - 1)], T0_MS) == null ? 0 : 1);
        }
        assertEquals(0, events, "test premise: undrifted scores emit no event");
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            events += (clocked.observe(stream[i & (n - 1)]) == null ? 0 : 1)
                    + (explicit.observe(stream[i & (n - 1)], T0_MS) == null ? 0 : 1);
        }
        double kl = clocked.kl() + explicit.kl();
        boolean drifting = clocked.isDrifting() | explicit.isDrifting();
        boolean judged = clocked.isJudged() & explicit.isJudged();
        double thr = clocked.threshold();
        int size = explicit.windowSize();
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(0, events, "test premise: no event while measuring");
        assertTrue(allocated < 1024, "200,000 observe calls and the getters allocated "
                + allocated + " bytes");
        assertTrue(kl >= 0 && !drifting && judged && thr == 0.5 && size == 1000);
    }

    @Test
    void lastObservationDescribesTheLastScore() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        DriftDetector.Observation empty = d.lastObservation();
        assertEquals(0.0, empty.kl());
        assertEquals(0, empty.windowSize());
        assertFalse(empty.judged());
        Scores s = Scores.withTies(3);
        for (int i = 0; i < 300; i++) {
            d.observe(s.next(0.6), T0_MS);
        }
        DriftDetector.Observation o = d.lastObservation();
        double[] w = d.snapshot().windowValues();
        double[] p = Histogram.of(d.baseline().edges(), w).probabilities(0.5);
        assertEquals(DriftStatistics.kl(p, d.baseline().probabilities()), o.kl(), 1e-12);
        assertEquals(DriftStatistics.psi(p, d.baseline().probabilities()), o.psi(), 1e-12);
        assertEquals(d.status(T0).kl(), d.kl(), 1e-12);
        assertEquals(300, o.windowSize());
        assertTrue(o.judged() && o.drifting() && d.isDrifting());
        assertEquals(Tier.of(o.kl(), 300, FIXED), o.tier());
        assertEquals(0.5, o.threshold());
        d.reset(T0);
        assertEquals(0.0, d.kl());
        assertFalse(d.isDrifting());
    }

    @Test
    void sustainedDriftEmitsEpisodesNotOneEventPerPrediction() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        Scores s = Scores.withTies(2);
        int events = 0;
        int judgedAbove = 0;
        long lastEventAt = -1;
        for (int i = 0; i < 5000; i++) {
            DriftEvent ev = d.observe(s.next(0.3), T0.plusSeconds(i).toEpochMilli());
            DriftDetector.Observation o = d.lastObservation();
            if (o.judged() && o.kl() > o.threshold()) {
                judgedAbove++;
            }
            if (ev != null) {
                events++;
                assertTrue(lastEventAt < 0 || i - lastEventAt >= 1000,
                        "events at least N scores apart: " + lastEventAt + " -> " + i);
                lastEventAt = i;
                assertEquals(DriftEvent.Kind.DRIFT, ev.kind());
                assertEquals(T0.plusSeconds(i), ev.time(), "stamped with the prediction time");
            }
        }
        assertTrue(judgedAbove > 4000, "the stream really is drifting: " + judgedAbove);
        assertTrue(events >= 1 && events <= 1 + 5000 / 1000, "events=" + events);
        assertEquals(events, d.history().size());
    }

    @Test
    void nothingIsJudgedBelowMinScores() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        Scores s = Scores.withTies(3);
        for (int i = 1; i < FIXED.minScores(); i++) {
            DriftEvent ev = d.observe(s.next(0.6), T0_MS);
            assertFalse(d.lastObservation().judged());
            assertTrue(ev == null, "no event before minScores, at " + i);
        }
        DriftEvent ev = d.observe(s.next(0.6), T0_MS);
        assertTrue(d.lastObservation().judged());
        assertTrue(ev != null, "a gross shift is flagged as soon as it is judged");
        assertEquals(Tier.SEVERE, ev.tier());
    }

    @Test
    void twoScoresAreUnjudgedWhateverTheirKl() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        d.observe(0.0, T0_MS);
        d.observe(0.0, T0_MS);
        DriftDetector.Status two = d.status(T0);
        assertTrue(two.kl() > FIXED.severeKl(), "premise: two scores below the baseline have a large KL, " + two.kl());
        assertEquals(Tier.UNJUDGED, two.tier());
        assertEquals(Tier.UNJUDGED, d.tier());
        assertFalse(two.judged() || two.driftDetected() || two.shouldRetrain() || d.windowSevere(), two.toString());
        assertEquals(null, two.retrainReason());
        assertEquals(Tier.UNJUDGED, d.reset(T0).tier(), "the discarded short window is unjudged too");
    }

    /**
     * The v4 system's "KL &gt; 1.0: retrain now" acts on the live window: the episode's only event
     * records the KL at its start, just above the threshold, and the window's KL climbs past the
     * severe bound before a second event may be recorded.
     */
    @Test
    void aWindowThatTurnsSevereAfterTheEventRecommendsRetraining() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        Scores s = Scores.withTies(8);
        for (int i = 0; i < FIXED.windowSize(); i++) {
            d.observe(s.next(0), T0_MS);
        }
        DriftEvent first = null;
        int sinceEvent = 0;
        while (first == null || !d.windowSevere()) {
            DriftEvent e = d.observe(s.next(0.4), T0_MS);
            first = first == null ? e : first;
            sinceEvent += first == null ? 0 : 1;
            assertTrue(sinceEvent < FIXED.windowSize(), "severe within one window of the event");
        }
        assertTrue(first.kl() < FIXED.severeKl(), "premise: the event's KL is below the severe bound, " + first.kl());
        assertEquals(1, d.history().size());
        DriftDetector.Status st = d.status(T0);
        assertEquals(Tier.SEVERE, st.tier());
        assertTrue(st.shouldRetrain());
        assertTrue(st.retrainReason().startsWith("the live window's KL "), st.retrainReason());
        assertTrue(d.summary(7, T0).shouldRetrain(), "the summary agrees");
        d.reset(T0.plusSeconds(1));
        assertFalse(d.status(T0.plusSeconds(1)).shouldRetrain(), "a reset acknowledges it");
    }

    /**
     * A two-bin baseline (uniform halves) and a stream whose share of low scores oscillates
     * deterministically around the value where KL = 0.5: KL crosses the threshold many times
     * but never drops below the clear threshold 0.4.
     */
    @Test
    void hoveringAroundTheThresholdDoesNotFlap() {
        DriftConfig cfg = DriftConfig.builder().bins(2).calibrationBootstraps(0).build();
        double[] base = new double[1000];
        for (int i = 0; i < base.length; i++) {
            base[i] = (i + 0.5) / base.length;
        }
        DriftDetector d = new DriftDetector(Baseline.fit("m", base, cfg), cfg);
        double acc = 0;
        int upCrossings = 0;
        boolean above = false;
        int events = 0;
        double minKlAfterFirstEvent = Double.MAX_VALUE;
        int m = 12_000;
        for (int t = 0; t < m; t++) {
            double f = 0.952 + 0.02 * Math.sin(2 * Math.PI * t / 2500.0);
            acc += f;                       // error diffusion: exact share f of low scores
            double x = acc >= 1 ? 0.25 : 0.75;
            if (acc >= 1) {
                acc -= 1;
            }
            DriftEvent ev = d.observe(x, T0.plusSeconds(t).toEpochMilli());
            DriftDetector.Observation o = d.lastObservation();
            if (o.judged()) {
                boolean nowAbove = o.kl() > o.threshold();
                if (nowAbove && !above) {
                    upCrossings++;
                }
                above = nowAbove;
            }
            if (ev != null) {
                events++;
            }
            if (events > 0) {
                minKlAfterFirstEvent = Math.min(minKlAfterFirstEvent, o.kl());
                assertTrue(o.drifting(), "stays in the episode while kl >= clear, t=" + t);
            }
        }
        assertTrue(upCrossings >= 4, "the stream must actually hover: " + upCrossings);
        assertTrue(minKlAfterFirstEvent >= 0.4, "test premise: " + minKlAfterFirstEvent);
        assertTrue(events <= 1 + m / 1000, "events=" + events + " for " + upCrossings + " crossings");
        assertTrue(events < upCrossings, "fewer events than threshold crossings");
    }

    @Test
    void episodeClearsBelowClearThresholdAndANewEpisodeStartsAgain() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        Scores s = Scores.withTies(4);
        List<DriftEvent> events = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            add(events, d.observe(s.next(0.4), T0_MS));
        }
        assertEquals(1, events.size(), "one episode, fewer than N scores after its first event");
        boolean cleared = false;
        for (int i = 0; i < 1200; i++) {
            add(events, d.observe(s.next(0), T0_MS));
            cleared |= !d.isDrifting();
        }
        assertTrue(cleared, "back to the baseline distribution clears the episode");
        assertFalse(d.status(T0).driftDetected());
        // the first episode may have emitted its one repeat event while the window still held
        // mostly shifted scores
        int afterFirstEpisode = events.size();
        assertTrue(afterFirstEpisode <= 2, "first episode: " + afterFirstEpisode);
        for (int i = 0; i < 900; i++) {
            add(events, d.observe(s.next(0.4), T0_MS));
        }
        assertEquals(afterFirstEpisode + 1, events.size(),
                "a second episode is a new event (one, within < N scores)");
    }

    @Test
    void eventAndStatusFiguresMatchDirectComputation() {
        Baseline b = baseline("m1", 1);
        DriftDetector d = new DriftDetector(b, FIXED);
        Scores s = Scores.withTies(5);
        DriftEvent e = null;
        for (int i = 0; i < 1000 && e == null; i++) {
            e = d.observe(s.next(0.5), T0_MS);
        }
        assertTrue(e != null);
        DriftDetector.Status st = d.status(T0);
        double[] w = d.snapshot().windowValues();
        double[] p = Histogram.of(b.edges(), w).probabilities(0.5);
        assertEquals(DriftStatistics.kl(p, b.probabilities()), st.kl(), 1e-12);
        assertEquals(DriftStatistics.psi(p, b.probabilities()), st.psi(), 1e-12);
        DriftStatistics.KsResult ks = DriftStatistics.ks(w, b.sample());
        assertEquals(ks.statistic(), st.ksStatistic(), 1e-12);
        assertEquals(e.kl(), st.kl(), 1e-12, "nothing observed since the event");
        assertEquals(w.length, st.bufferSize());
        assertTrue(st.driftDetected());
        assertEquals("m1", st.baselineModelVersion());
        assertEquals(0.5, st.threshold());
        assertTrue(st.calibratedThreshold().isEmpty());
    }

    @Test
    void resetAndSwitchRecordEventsKeepHistoryAndAcknowledgeDrift() {
        DriftConfig cfg = FIXED.toBuilder().retrainEventCount(1).build();
        DriftDetector d = new DriftDetector(Baseline.fit("m1", Scores.withTies(1).sample(5000, 0), cfg), cfg);
        Scores s = Scores.withTies(6);
        for (int i = 0; i < 300; i++) {
            d.observe(s.next(0.5), T0_MS);
        }
        assertTrue(d.status(T0).shouldRetrain());
        DriftEvent reset = d.reset(T0.plusSeconds(1));
        assertEquals(DriftEvent.Kind.RESET, reset.kind());
        assertEquals(300, reset.windowSize(), "describes the discarded window");
        assertEquals(0, d.status(T0.plusSeconds(2)).bufferSize());
        assertFalse(d.status(T0.plusSeconds(2)).shouldRetrain(), "reset acknowledges the drift");
        assertEquals(2, d.history().size());

        Baseline other = Baseline.fit("m2", Scores.withTies(7).sample(5000, 0), cfg);
        d.observe(0.9, T0.plusSeconds(3).toEpochMilli());
        DriftEvent sw = d.switchBaseline(other, T0.plusSeconds(4));
        assertEquals(DriftEvent.Kind.BASELINE_SWITCH, sw.kind());
        assertEquals("m2", sw.modelVersion());
        assertEquals(1, sw.windowSize());
        assertEquals("m2", d.status(T0.plusSeconds(5)).baselineModelVersion());
        assertEquals(3, d.history().size());

        DriftConfig threeBins = cfg.toBuilder().bins(3).build();
        Baseline wrong = Baseline.fit("m3", Scores.withTies(8).sample(100, 0), threeBins);
        assertThrows(IllegalArgumentException.class, () -> d.switchBaseline(wrong, T0));
        assertEquals("m2", d.baseline().modelVersion(), "unchanged after a rejected switch");
    }

    @Test
    void restoreAfterRestartContinuesTheEpisodeWithoutDuplicateEvent() {
        Baseline b = baseline("m1", 1);
        DriftDetector a = new DriftDetector(b, FIXED);
        Scores s = Scores.withTies(9);
        for (int i = 0; i < 1500; i++) {
            a.observe(s.next(0.4), T0_MS);
        }
        assertEquals(2, a.history().size(), "events at fill 200 and 1000 scores later");
        DriftDetector.Snapshot snap = a.snapshot();
        DriftDetector restarted = new DriftDetector(b, FIXED);
        restarted.restore(snap, a.history());
        assertArrayEquals(a.snapshot().windowValues(), restarted.snapshot().windowValues(), 0.0);
        Scores s2 = Scores.withTies(10);
        for (int i = 0; i < 400; i++) {
            double x = s2.next(0.4);
            DriftEvent ea = a.observe(x, T0_MS);
            DriftEvent eb = restarted.observe(x, T0_MS);
            assertEquals(a.kl(), restarted.kl(), 0.0);
            assertEquals(ea != null, eb != null, "same events at " + i);
        }
        assertEquals(a.history().size(), restarted.history().size());

        DriftDetector fresh = new DriftDetector(baseline("m2", 2), FIXED);
        assertThrows(IllegalArgumentException.class, () -> fresh.restore(snap, List.of()));
        DriftDetector.Snapshot future = new DriftDetector.Snapshot(2, "m1", new double[0], false, 0);
        assertThrows(IllegalArgumentException.class, () -> restarted.restore(future, List.of()));
    }

    @Test
    void invalidScoreIsRejectedAndLeavesStateUnchanged() {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        d.observe(0.8, T0_MS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.observe(1.2, T0_MS));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        assertEquals(1, d.status(T0).bufferSize());
    }

    @Test
    void historyIsBounded() {
        DriftConfig cfg = FIXED.toBuilder().historyCapacity(3).build();
        DriftDetector d = new DriftDetector(Baseline.fit("m", Scores.withTies(1).sample(1000, 0), cfg), cfg);
        for (int i = 0; i < 5; i++) {
            d.reset(T0.plusSeconds(i));
        }
        assertEquals(3, d.history().size());
        assertEquals(T0.plusSeconds(2), d.history().get(0).time());
    }

    @Test
    void calibratedModeNeedsAMatchingCalibration() {
        DriftConfig cal = DriftConfig.builder()
                .thresholdMode(DriftConfig.ThresholdMode.CALIBRATED).build();
        assertThrows(IllegalArgumentException.class,
                () -> new DriftDetector(baseline("m1", 1), cal));
        Baseline b = Baseline.fit("m1", Scores.withTies(1).sample(2000, 0), cal);
        DriftConfig otherWindow = cal.toBuilder().windowSize(500).build();
        assertThrows(IllegalArgumentException.class, () -> new DriftDetector(b, otherWindow));
        DriftDetector d = new DriftDetector(b, cal);
        double t = b.calibration().orElseThrow().threshold();
        assertEquals(t * 1000 / 250, thresholdAt(d, 250), 1e-15);
        assertEquals(t, thresholdAt(d, 1000), 0.0);
    }

    private static double thresholdAt(DriftDetector d, int fill) {
        d.reset(T0);
        for (int i = 0; i < fill; i++) {
            d.observe(0.9, T0_MS);
        }
        return d.lastObservation().threshold();
    }

    @Test
    void concurrentObserversKeepTheWindowConsistent() throws Exception {
        DriftDetector d = new DriftDetector(baseline("m1", 1), FIXED);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = 100 + t;
            fs.add(pool.submit(() -> {
                Scores s = Scores.withTies(seed);
                for (int i = 0; i < 20_000; i++) {
                    d.observe(s.next(0), T0_MS);
                    if (i % 5000 == 0) {
                        d.status(T0);
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        DriftDetector.Snapshot snap = d.snapshot();
        assertEquals(1000, snap.windowValues().length);
        int[] counts = new int[d.baseline().edges().numBins()];
        for (double x : snap.windowValues()) {
            counts[d.baseline().edges().binOf(x)]++;
        }
        double[] p = Histogram.of(d.baseline().edges(), snap.windowValues()).probabilities(0.5);
        assertEquals(DriftStatistics.kl(p, d.baseline().probabilities()), d.status(T0).kl(), 1e-12);
    }
}
