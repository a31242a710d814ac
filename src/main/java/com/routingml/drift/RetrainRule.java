package com.routingml.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When drift recommends retraining, and how often a retraining may be triggered.
 *
 * <pre>
 *   shouldRetrain  &lt;=&gt;  |E| &gt;= retrainEventCount  or  max_{e in E} kl(e) &gt; severeKl
 * </pre>
 * where {@code E} is the set of {@link DriftEvent.Kind#DRIFT} events with time in
 * {@code (now - retrainWindowDays, now]} <b>and after the latest RESET or BASELINE_SWITCH
 * event</b>. The second condition is deliberate: once the model has been retrained and its
 * baseline switched (or the detector reset), the drift that caused it is acknowledged and must
 * not trigger another retraining, or the pipeline would loop.
 *
 * <p>The cooldown is separate ({@link #mayTrigger}) because the time of the last triggered
 * retraining is the caller's (persisted) state. Immutable and thread-safe.
 */
public final class RetrainRule {

    private final int eventCount;
    private final Duration window;
    private final double severeKl;
    private final Duration cooldown;

    /**
     * @throws IllegalArgumentException if {@code eventCount < 1}, the window is not positive, the
     *                                  cooldown is negative or {@code severeKl} is not finite
     */
    public RetrainRule(int eventCount, Duration window, double severeKl, Duration cooldown) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(cooldown, "cooldown");
        if (eventCount < 1) {
            throw new IllegalArgumentException("eventCount must be >= 1, got " + eventCount);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, got " + cooldown);
        }
        if (!Double.isFinite(severeKl)) {
            throw new IllegalArgumentException("severeKl must be finite, got " + severeKl);
        }
        this.eventCount = eventCount;
        this.window = window;
        this.severeKl = severeKl;
        this.cooldown = cooldown;
    }

    /** The rule configured by {@code cfg}. */
    public static RetrainRule of(DriftConfig cfg) {
        return new RetrainRule(cfg.retrainEventCount(), Duration.ofDays(cfg.retrainWindowDays()),
                cfg.severeKl(), cfg.retrainCooldown());
    }

    /**
     * Period summary, the body of {@code GET /api/drift/summary?days=}.
     *
     * @param periodDays    the requested period
     * @param driftCount    DRIFT events in {@code (now - days, now]}
     * @param maxKl         their maximum KL (0 if none)
     * @param avgKl         their mean KL (0 if none)
     * @param shouldRetrain {@link #shouldRetrain} at {@code now} (uses the rule's own window, not
     *                      {@code periodDays})
     * @param events        all events (every kind) in the period, oldest first
     */
    public record Summary(int periodDays, int driftCount, double maxKl, double avgKl,
                          boolean shouldRetrain, List<DriftEvent> events) {
        public Summary {
            events = List.copyOf(events);
        }
    }

    /**
     * Whether retraining is recommended at {@code now}; see the class documentation.
     *
     * @param events events in any order (null elements rejected)
     */
    public boolean shouldRetrain(List<DriftEvent> events, Instant now) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        Instant ack = Instant.MIN;
        for (DriftEvent e : events) {
            if (e.kind() != DriftEvent.Kind.DRIFT && !e.time().isAfter(now)
                    && e.time().isAfter(ack)) {
                ack = e.time();
            }
        }
        Instant from = now.minus(window);
        int count = 0;
        double max = 0;
        for (DriftEvent e : events) {
            if (e.kind() == DriftEvent.Kind.DRIFT && e.time().isAfter(from)
                    && !e.time().isAfter(now) && e.time().isAfter(ack)) {
                count++;
                max = Math.max(max, e.kl());
            }
        }
        return count >= eventCount || max > severeKl;
    }

    /**
     * Cooldown: a retraining may be triggered if none was, or the last one was at least
     * {@code cooldown} ago ({@code now >= lastTriggered + cooldown}).
     *
     * @param lastTriggered time of the last triggered retraining, or null if never
     */
    public boolean mayTrigger(Instant lastTriggered, Instant now) {
        Objects.requireNonNull(now, "now");
        return lastTriggered == null || !now.isBefore(lastTriggered.plus(cooldown));
    }

    /**
     * Summarises the events of the last {@code days} days, {@code (now - days, now]}.
     *
     * @throws IllegalArgumentException if {@code days < 1}
     */
    public Summary summarize(List<DriftEvent> events, int days, Instant now) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, got " + days);
        }
        Instant from = now.minus(Duration.ofDays(days));
        List<DriftEvent> inPeriod = new ArrayList<>();
        int count = 0;
        double max = 0;
        double sum = 0;
        for (DriftEvent e : events) {
            if (e.time().isAfter(from) && !e.time().isAfter(now)) {
                inPeriod.add(e);
                if (e.kind() == DriftEvent.Kind.DRIFT) {
                    count++;
                    max = Math.max(max, e.kl());
                    sum += e.kl();
                }
            }
        }
        inPeriod.sort((a, b) -> a.time().compareTo(b.time()));
        return new Summary(days, count, max, count == 0 ? 0 : sum / count,
                shouldRetrain(events, now), inPeriod);
    }
}
