package com.routingml.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When drift recommends retraining, and how often a retraining may be triggered.
 *
 * <pre>
 *   shouldRetrain  &lt;=&gt;  |E| &gt;= retrainEventCount                     (1)
 *                  or   max_{e in E} kl(e) &gt; severeKl                     (2)
 *                  or   the window is judged and kl(window) &gt; severeKl    (3)
 * </pre>
 * where {@code E} is the set of {@link DriftEvent.Kind#DRIFT} events with time in
 * {@code (now - retrainWindowDays, now]} <b>and after the latest RESET or BASELINE_SWITCH
 * event</b>. That restriction is deliberate: once the model has been retrained and its
 * baseline switched (or the detector reset), the drift that caused it is acknowledged and must
 * not trigger another retraining, or the pipeline would loop. (3) is "KL &gt; severe: retrain
 * now" read on the live window ({@link Tier#SEVERE}): an event records the KL of the moment its
 * episode started, usually just above the detection threshold, so (2) alone would miss a drift
 * that deepens afterwards. The window is cleared by every reset and switch, so (3) is acknowledged
 * the same way, and it never holds before the window has {@code minScores} scores.
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
     * @param retrainReason {@link #reason} at {@code now}, or null if retraining is not recommended
     * @param events        all events (every kind) in the period, oldest first
     */
    public record Summary(int periodDays, int driftCount, double maxKl, double avgKl,
                          boolean shouldRetrain, String retrainReason, List<DriftEvent> events) {
        public Summary {
            events = List.copyOf(events);
        }
    }

    /**
     * Why retraining is recommended at {@code now}, naming the condition of the class
     * documentation that holds (the first one, in that order), or empty if none does.
     *
     * @param events         events in any order (null elements rejected)
     * @param judgedWindowKl the live window's KL if the window is judged ({@code >= minScores}
     *                       scores), else empty
     */
    public Optional<String> reason(List<DriftEvent> events, Instant now, OptionalDouble judgedWindowKl) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(judgedWindowKl, "judgedWindowKl");
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
        String days = window.toDays() + " days";
        if (count >= eventCount) {
            return Optional.of(count + " drift events in " + days + " (rule: " + eventCount + " or more)");
        }
        if (max > severeKl) {
            return Optional.of(String.format(Locale.ROOT, "a drift event in %s had KL %.3f > %s", days, max,
                    severeKl));
        }
        if (judgedWindowKl.isPresent() && windowSevere(true, judgedWindowKl.getAsDouble())) {
            return Optional.of(String.format(Locale.ROOT, "the live window's KL %.3f > %s",
                    judgedWindowKl.getAsDouble(), severeKl));
        }
        return Optional.empty();
    }

    /** Whether retraining is recommended at {@code now}: {@link #reason} is present. */
    public boolean shouldRetrain(List<DriftEvent> events, Instant now, OptionalDouble judgedWindowKl) {
        return reason(events, now, judgedWindowKl).isPresent();
    }

    /**
     * Condition (3) alone, allocation-free, for the per-prediction path.
     *
     * @param judged whether the window holds {@code >= minScores} scores
     */
    public boolean windowSevere(boolean judged, double windowKl) {
        return judged && windowKl > severeKl;
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
     * Summarises the events of the last {@code days} days, {@code (now - days, now]}, with the
     * recommendation of {@link #reason} at {@code now}.
     *
     * @throws IllegalArgumentException if {@code days < 1}
     */
    public Summary summarize(List<DriftEvent> events, int days, Instant now, OptionalDouble judgedWindowKl) {
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
        Optional<String> reason = reason(events, now, judgedWindowKl);
        return new Summary(days, count, max, count == 0 ? 0 : sum / count, reason.isPresent(),
                reason.orElse(null), inPeriod);
    }
}
