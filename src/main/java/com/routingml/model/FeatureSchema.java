package com.routingml.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ordered set of similarity features. Identifiers (ITEM_CD, ITEM_NM, DRAW_NO …) and
 * free-text descriptions that only restate a code (PartNm, MATERIAL_DESC …) are deliberately not
 * features: they carry no similarity meaning.
 *
 * <p>Default weights follow the earlier system's domain judgement (ITEM_TYPE, PART_TYPE,
 * SealTypeGrup 2.5; RAW_MATL_KIND 2.2; dimensions 1.8) — but here they are applied <em>after</em>
 * scaling, inside the similarity, so they cannot cancel out.
 */
public record FeatureSchema(List<FeatureSpec> features) {

    public FeatureSchema {
        features = List.copyOf(features);
        Set<String> seen = new LinkedHashSet<>();
        for (FeatureSpec f : features) {
            if (!seen.add(f.column())) {
                throw new IllegalArgumentException("duplicate feature column " + f.column());
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a feature schema needs at least one feature");
        }
    }

    public static FeatureSchema defaults() {
        List<FeatureSpec> f = new ArrayList<>();
        f.add(cat("ITEM_TYPE", 2.5));
        f.add(cat("PART_TYPE", 2.5));
        f.add(cat("SEALTYPEGRUP", 2.5));
        f.add(cat("RAW_MATL_KIND", 2.2));
        f.add(cat("ITEM_MATERIAL", 1.5));
        f.add(cat("ITEM_ACCT", 1.0));
        f.add(cat("ITEM_GRP1", 1.0));
        f.add(cat("GROUP1", 1.0));
        f.add(cat("GROUP2", 1.0));
        f.add(cat("STANDARD_YN", 0.5));
        f.add(cat("ITEM_UNIT", 0.5));
        f.add(cat("IN_SEALTYPE_CD", 1.0));
        f.add(cat("MID_SEALTYPE_CD", 1.0));
        f.add(cat("OUT_SEALTYPE_CD", 1.0));
        f.add(new FeatureSpec("OUTDIAMETER", FeatureSpec.Kind.LENGTH, 1.8, "OUTDIAMETER_UNIT"));
        f.add(new FeatureSpec("INDIAMETER", FeatureSpec.Kind.LENGTH, 1.8, "OUTDIAMETER_UNIT"));
        f.add(new FeatureSpec("OUTTHICKNESS", FeatureSpec.Kind.LENGTH, 1.8, "OUTDIAMETER_UNIT"));
        f.add(new FeatureSpec("IN_SEALSIZE", FeatureSpec.Kind.LENGTH, 1.0, "IN_SEALSIZE_UOM"));
        f.add(new FeatureSpec("MID_SEALSIZE", FeatureSpec.Kind.LENGTH, 1.0, "MID_SEALSIZE_UOM"));
        f.add(new FeatureSpec("OUT_SEALSIZE", FeatureSpec.Kind.LENGTH, 1.0, "OUT_SEALSIZE_UOM"));
        // 0/1 flags: equality is the right comparison, so they are categorical.
        f.add(cat("ROTATE_CLOCKWISE", 0.5));
        f.add(cat("ROTATE_CTRCLOCKWISE", 0.5));
        return new FeatureSchema(f);
    }

    private static FeatureSpec cat(String column, double weight) {
        return new FeatureSpec(column, FeatureSpec.Kind.CATEGORICAL, weight, null);
    }

    /**
     * The same features with some weights replaced.
     *
     * @throws IllegalArgumentException naming the column when it is not a feature
     */
    public FeatureSchema withWeights(Map<String, Double> overrides) {
        List<FeatureSpec> out = new ArrayList<>(features);
        overrides.forEach((col, w) -> {
            String key = col.toUpperCase(Locale.ROOT);
            int i = indexOf(key);
            if (i < 0) {
                throw new IllegalArgumentException("unknown feature in weights: " + col + " (features: "
                        + columns() + ")");
            }
            out.set(i, out.get(i).withWeight(w));
        });
        return new FeatureSchema(out);
    }

    /**
     * Parses weight overrides written as {@code COLUMN=weight,COLUMN=weight} (the form of the
     * {@code routingml.model.weights} config key); blank means none.
     */
    public static Map<String, Double> parseWeights(String text) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("weight entry must be COLUMN=number, was '" + part.trim() + "'");
            }
            try {
                m.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight of " + kv[0].trim() + " is not a number: '"
                        + kv[1].trim() + "'", e);
            }
        }
        return m;
    }

    public int indexOf(String column) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).column().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> columns() {
        return features.stream().map(FeatureSpec::column).toList();
    }

    public int size() {
        return features.size();
    }
}
