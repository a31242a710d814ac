package com.routingml.drift;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded drift-monitoring event. Events are <em>episodes</em>, not predictions: see
 * {@link DriftDetector}.
 *
 * <p>For {@link Kind#DRIFT} the figures describe the window at detection time against the
 * baseline in force. For {@link Kind#RESET} and {@link Kind#BASELINE_SWITCH} they describe the
 * window that was discarded, against the baseline it was judged by (zeros, and KS 0 / p 1, if it
 * was empty), and {@code modelVersion} is the baseline model version in force <em>after</em> the
 * event.
 *
 * @param time         when it happened
 * @param kind         what happened
 * @param kl           {@code D_KL(P||Q)}, nats
 * @param psi          population stability index
 * @param ksStatistic  two-sample KS statistic of the window values vs the baseline sample
 * @param ksPValue     its exact p-value (statistic 0, p-value 1 when the window is empty)
 * @param windowMean   window mean
 * @param windowStd    window population standard deviation
 * @param windowSize   scores in the window
 * @param modelVersion baseline model version
 * @param tier         magnitude reading of {@code kl}; {@link Tier#UNJUDGED} for a window of
 *                     fewer than {@code minScores} scores
 */
public record DriftEvent(
        Instant time,
        Kind kind,
        double kl,
        double psi,
        double ksStatistic,
        double ksPValue,
        double windowMean,
        double windowStd,
        int windowSize,
        String modelVersion,
        Tier tier) {

    /** Event kinds. */
    public enum Kind {
        /** A drift episode started, or continues (at most once per window of new scores). */
        DRIFT,
        /** The window was cleared by an operator (typically after retraining). */
        RESET,
        /** A newly promoted model's baseline replaced the previous one. */
        BASELINE_SWITCH
    }

    /** @throws NullPointerException if time, kind, modelVersion or tier is null */
    public DriftEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(tier, "tier");
        if (windowSize < 0) {
            throw new IllegalArgumentException("windowSize must be >= 0, got " + windowSize);
        }
    }
}
