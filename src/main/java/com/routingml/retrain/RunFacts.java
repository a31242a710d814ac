package com.routingml.retrain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a retraining notice says about a run, in order. */
public final class RunFacts {

    private RunFacts() {
    }

    /**
     * The facts of a run for its Slack/Teams notice: the run; when it failed, the step and reason;
     * for a compared candidate, the verdict with its reasons, the coverage and the evaluation set.
     */
    public static Map<String, String> of(RunState s, Duration took, String failedStep, String failure) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("job instance", Long.toString(s.instanceId));
        f.put("trigger", String.valueOf(s.trigger));
        if (failure != null) {
            f.put("step", String.valueOf(failedStep));
            f.put("reason", failure);
        }
        f.put("dataset", s.month == null ? "-" : s.month + " (" + s.datasetRows + " rows)");
        if (s.settings != null && s.settings.degrade() != Degradation.NONE) {
            f.put("drill", "degrade=" + s.settings.degrade().parameter() + " (training data deliberately corrupted)");
        }
        if (s.candidateVersion != null) {
            f.put("candidate", s.candidateVersion);
        }
        if (s.comparison != null) {
            ComparisonReport c = s.comparison;
            f.put("verdict", (c.blessed() ? "blessed" : "not blessed") + ": " + c.reason());
            if (c.coverage() != null) {
                Coverage v = c.coverage();
                f.put("coverage", String.format(Locale.ROOT,
                        "%s of the active model's items (%d of %d), %s of its routing families (%d of %d)",
                        pct(v.itemShare()), v.keptItems(), v.activeItems(), pct(v.familyShare()), v.keptFamilies(),
                        v.activeFamilies()));
            }
            if (c.evaluation() != null) {
                EvaluationSet.Summary e = c.evaluation();
                f.put("evaluated on", e.newestItems() + " newest items (from " + e.newestFrom() + ") and "
                        + e.sampledItems()
                        + " sampled across " + e.sampledFrom() + " to " + e.sampledTo() + ", of " + e.catalogItems()
                        + " routed items");
            }
            f.put("top-1 accuracy", pct(c.candidate().top1Accuracy()) + (c.active() == null ? "" : " (active "
                    + pct(c.active().top1Accuracy()) + ")"));
            f.put("top-3 hit rate", pct(c.candidate().top3HitRate()) + (c.active() == null ? "" : " (active "
                    + pct(c.active().top3HitRate()) + ")"));
        }
        f.put("promoted", Boolean.toString(s.promoted));
        f.put("active before", String.valueOf(s.activeVersionBefore));
        f.put("duration", took.toSeconds() + " s");
        return f;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
