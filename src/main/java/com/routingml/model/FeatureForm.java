package com.routingml.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's similarity features as an attribute form needs them: the columns in schema order,
 * how each is compared, its weight, the values a categorical feature knows and the unit column
 * and typical size of a length.
 *
 * @param modelVersion the model the features belong to
 * @param fields       one per feature, in schema order
 * @param units        the length units the encoder converts (others make the length unknown)
 */
public record FeatureForm(String modelVersion, List<Field> fields, List<String> units) {

    /** Length units the encoder converts to millimetres, millimetres first. */
    public static final List<String> UNITS = List.of("MM", "CM", "M", "INCH");
    /** At most this many known values are listed per categorical feature. */
    public static final int MAX_VALUES = 2000;

    public FeatureForm {
        fields = List.copyOf(fields);
        units = List.copyOf(units);
    }

    /**
     * One feature.
     *
     * @param column       item master column (the attribute name of a prediction request)
     * @param kind         {@code CATEGORICAL} (compared for equality) or {@code LENGTH} (millimetres, log scale)
     * @param weight       the feature's weight in the similarity
     * @param unitColumn   for a length: the column holding its unit, or {@code null}
     * @param values       for a categorical: the values known from training, sorted (at most {@link #MAX_VALUES})
     * @param moreValues   whether {@code values} was cut at {@link #MAX_VALUES}
     * @param typicalMm    for a length: the training median in millimetres
     */
    public record Field(String column, FeatureSpec.Kind kind, double weight, String unitColumn, List<String> values,
                        boolean moreValues, Double typicalMm) {
    }

    /** The form of a model's encoder. */
    public static FeatureForm of(String modelVersion, FeatureEncoder encoder) {
        List<Field> fields = new ArrayList<>();
        int cat = 0;
        int len = 0;
        for (FeatureSpec f : encoder.schema().features()) {
            if (f.categorical()) {
                List<String> values = encoder.categoryValues(cat++);
                boolean more = values.size() > MAX_VALUES;
                List<String> shown = more ? values.subList(0, MAX_VALUES) : values;
                fields.add(new Field(f.column(), f.kind(), f.weight(), null, shown, more, null));
            } else {
                double typical = Math.round(encoder.medianMillimetres(len++) * 100) / 100.0;
                fields.add(new Field(f.column(), f.kind(), f.weight(), f.unitColumn(), List.of(), false, typical));
            }
        }
        return new FeatureForm(modelVersion, fields, UNITS);
    }
}
