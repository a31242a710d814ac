package com.routingml.model;

import java.util.Locale;

/**
 * One similarity feature: an item master column, how it is compared, and its weight.
 *
 * @param column   column name, canonical upper case (UCanAccess reports labels in upper case)
 * @param kind     how values are compared
 * @param weight   relative weight in the similarity; must be &gt; 0
 * @param unitColumn for {@link Kind#LENGTH}: the column holding the unit (e.g. OUTDIAMETER_UNIT),
 *                 or {@code null}; inch values are converted to millimetres
 */
public record FeatureSpec(String column, Kind kind, double weight, String unitColumn) {

    /** How a feature's values are compared. */
    public enum Kind {
        /** Equality of text codes (never ordinal distance). */
        CATEGORICAL,
        /** A length in mm (sentinels ≥ 9999 and ≤ 0 mean unknown); compared on a log scale. */
        LENGTH
    }

    public FeatureSpec {
        column = column.toUpperCase(Locale.ROOT);
        unitColumn = unitColumn == null ? null : unitColumn.toUpperCase(Locale.ROOT);
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("feature " + column + ": weight must be > 0 and finite, was " + weight);
        }
    }

    public FeatureSpec withWeight(double w) {
        return new FeatureSpec(column, kind, w, unitColumn);
    }

    public boolean categorical() {
        return kind == Kind.CATEGORICAL;
    }
}
