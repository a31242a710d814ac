package com.routingml.model;

import com.routingml.access.ItemColumns;

import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The share of NULLs per item master column in the active model's training data, each with the
 * alert threshold of the shipped Prometheus rule {@code RoutingMlNullRatioRose}: a rise of
 * {@value #ALERT_RISE} over the reference, the model that served before. Where there is no reference
 * value (the first model, a new column) the threshold is the one the next model will be held to.
 *
 * @param modelVersion     the active model
 * @param trainedAt        when its training data was read
 * @param referenceVersion the model compared with, or {@code null} when there is none
 * @param alertRise        the rise of the NULL share that raises the alert
 * @param columns          one per item master column (ITEM_CD excepted), in the order of the item master
 */
public record NullRatioReport(String modelVersion, Instant trainedAt, String referenceVersion, double alertRise,
                              List<Column> columns) {

    /** The rise of a column's NULL share that {@code RoutingMlNullRatioRose} alerts on (docs/prometheus/alerts.yml). */
    public static final double ALERT_RISE = 0.2;

    public NullRatioReport {
        columns = List.copyOf(columns);
    }

    /**
     * One column.
     *
     * @param column         item master column
     * @param ratio          share of NULLs in the active model's training data, in [0, 1]
     * @param referenceRatio the reference model's share, or {@code null} (no reference, or a column it lacks)
     * @param threshold      the share above which the alert fires: the reference share (without one, this share) + rise
     * @param alert          whether {@code ratio} is above the threshold
     */
    public record Column(String column, double ratio, Double referenceRatio, double threshold, boolean alert) {
    }

    /** Position in the item master; unknown columns last. */
    private static int order(String column) {
        for (int i = 0; i < ItemColumns.ALL.size(); i++) {
            if (ItemColumns.ALL.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * @param active    the active model's metadata
     * @param reference the model to compare with, or {@code null}
     */
    public static NullRatioReport of(ModelMetadata active, ModelMetadata reference) {
        Map<String, Double> refs = reference == null || reference.nullRatios() == null
                ? Map.of() : reference.nullRatios();
        List<Column> out = new ArrayList<>();
        Map<String, Double> ratios = active.nullRatios() == null ? Map.of() : active.nullRatios();
        for (Map.Entry<String, Double> e : ratios.entrySet()) {
            Double ref = refs.get(e.getKey());
            double base = ref == null ? e.getValue() : ref;
            double threshold = base + ALERT_RISE;
            out.add(new Column(e.getKey(), e.getValue(), ref, threshold, e.getValue() > threshold));
        }
        out.sort(Comparator.comparingInt(c -> order(c.column())));
        Instant trained = active.provenance() == null ? active.createdAt() : active.provenance().trainedAt();
        String referenceVersion = reference == null ? null : reference.version();
        return new NullRatioReport(active.version(), trained, referenceVersion, ALERT_RISE, out);
    }
}
