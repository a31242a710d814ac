package com.routingml.model;

import com.routingml.access.Item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw item attributes into the encoded form the index compares. Fitted once on training
 * items and then immutable; the same instance encodes index rows and queries, so NULLs,
 * sentinels and units are handled identically in training and prediction.
 *
 * <p>Categorical values are mapped to integer codes that are only ever compared for equality.
 * A value never seen in training encodes to {@link #UNSEEN} (it matches no indexed item); NULL
 * encodes to {@link #MISSING}.
 *
 * <p>Lengths are converted to millimetres (the unit column says inch/cm/mm), sentinels
 * ({@code ≥ sentinel} or {@code ≤ 0}) become missing, and the value is put on a robust log scale:
 * {@code z = (ln(mm) − median) / s} with {@code s = IQR / 1.349} (the normal-consistent robust
 * sigma) over the training items, so a few sentinels or giant parts cannot stretch the scale.
 * Missing lengths encode as {@link Float#NaN}.
 */
public final class FeatureEncoder {

    public static final int MISSING = -1;
    public static final int UNSEEN = -2;
    /** Dimension values at or above this mean "unknown" in the item master. */
    public static final double DEFAULT_SENTINEL = 9999;

    private final FeatureSchema schema;
    private final int[] catFeature;   // schema index of each categorical slot
    private final int[] lenFeature;   // schema index of each length slot
    private final List<Map<String, Integer>> vocab;      // per categorical slot
    private final List<List<String>> vocabValues;        // code -> value, per categorical slot
    private final double[] center;
    private final double[] scale;
    private final double sentinel;

    FeatureEncoder(FeatureSchema schema, List<List<String>> vocabValues, double[] center, double[] scale,
            double sentinel) {
        this.schema = schema;
        List<Integer> cats = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            (schema.features().get(i).categorical() ? cats : lens).add(i);
        }
        this.catFeature = cats.stream().mapToInt(Integer::intValue).toArray();
        this.lenFeature = lens.stream().mapToInt(Integer::intValue).toArray();
        if (vocabValues.size() != catFeature.length || center.length != lenFeature.length
                || scale.length != lenFeature.length) {
            throw new IllegalArgumentException("encoder state does not match schema: " + vocabValues.size()
                    + " vocabularies for " + catFeature.length + " categorical features, " + center.length
                    + " centres for " + lenFeature.length + " lengths");
        }
        this.vocabValues = vocabValues.stream().map(List::copyOf).toList();
        this.vocab = new ArrayList<>();
        for (List<String> values : this.vocabValues) {
            Map<String, Integer> m = new HashMap<>(values.size() * 2);
            for (int c = 0; c < values.size(); c++) {
                m.put(values.get(c), c);
            }
            vocab.add(m);
        }
        this.center = center.clone();
        this.scale = scale.clone();
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(center[j])) {
                throw new IllegalArgumentException("length feature " + schema.features().get(lenFeature[j]).column()
                        + ": scale must be > 0 and centre finite, was centre=" + center[j] + " scale=" + scale[j]);
            }
        }
        this.sentinel = sentinel;
    }

    /** Fits vocabularies and robust scales on the given (training) items. */
    public static FeatureEncoder fit(FeatureSchema schema, List<Item> items, double sentinel) {
        List<List<String>> vocab = new ArrayList<>();
        List<Double> centers = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        for (FeatureSpec f : schema.features()) {
            if (f.categorical()) {
                java.util.TreeSet<String> values = new java.util.TreeSet<>();
                for (Item it : items) {
                    String v = canonical(it.get(f.column()));
                    if (v != null) {
                        values.add(v);
                    }
                }
                vocab.add(new ArrayList<>(values));
            } else {
                double[] logs = items.stream().mapToDouble(it -> logMillimetres(it, f, sentinel))
                        .filter(Double::isFinite).sorted().toArray();
                double c = logs.length == 0 ? 0 : quantile(logs, 0.5);
                double s = logs.length == 0 ? 1 : (quantile(logs, 0.75) - quantile(logs, 0.25)) / 1.349;
                if (!(s > 1e-9)) {
                    s = 1; // constant or absent column: any scale works, 1 keeps z readable
                }
                centers.add(c);
                scales.add(s);
            }
        }
        return new FeatureEncoder(schema, vocab, centers.stream().mapToDouble(Double::doubleValue).toArray(),
                scales.stream().mapToDouble(Double::doubleValue).toArray(), sentinel);
    }

    /** Encodes one item; never throws for odd values (they become missing or unseen). */
    public Encoded encode(Item item) {
        int[] cat = new int[catFeature.length];
        float[] len = new float[lenFeature.length];
        for (int j = 0; j < catFeature.length; j++) {
            String v = canonical(item.get(schema.features().get(catFeature[j]).column()));
            cat[j] = v == null ? MISSING : vocab.get(j).getOrDefault(v, UNSEEN);
        }
        for (int j = 0; j < lenFeature.length; j++) {
            double l = logMillimetres(item, schema.features().get(lenFeature[j]), sentinel);
            len[j] = Double.isFinite(l) ? (float) ((l - center[j]) / scale[j]) : Float.NaN;
        }
        return new Encoded(cat, len);
    }

    /** The length of an item in millimetres after unit conversion, or NaN when unknown. */
    public double millimetres(Item item, int lengthSlot) {
        double l = logMillimetres(item, schema.features().get(lenFeature[lengthSlot]), sentinel);
        return Double.isFinite(l) ? Math.exp(l) : Double.NaN;
    }

    /** Millimetres of an encoded length (inverse of the scaling), NaN when unknown. */
    public double millimetresOf(int lengthSlot, float z) {
        return Float.isNaN(z) ? Double.NaN : Math.exp(z * scale[lengthSlot] + center[lengthSlot]);
    }

    /**
     * Canonical text of a categorical value: trimmed, upper case; whole numbers lose their
     * {@code .0} so that a flag read as 1.0 from Access equals "1" from a JSON caller.
     */
    static String canonical(Object raw) {
        if (raw == null) {
            return null;
        }
        String s;
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            s = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        } else {
            s = raw.toString().trim().toUpperCase(Locale.ROOT);
        }
        return s.isEmpty() ? null : s;
    }

    static double logMillimetres(Item item, FeatureSpec f, double sentinel) {
        Object raw = item.get(f.column());
        double v;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        } else {
            return Double.NaN;
        }
        if (!Double.isFinite(v) || v <= 0 || v >= sentinel) {
            return Double.NaN;
        }
        double factor = unitFactor(f.unitColumn() == null ? null : item.get(f.unitColumn()));
        return Double.isNaN(factor) ? Double.NaN : Math.log(v * factor);
    }

    /** Millimetres per unit; NaN for a unit we do not know (then the value is treated as missing). */
    static double unitFactor(Object unit) {
        String u = canonical(unit);
        if (u == null || u.equals("MM")) {
            return 1;
        }
        return switch (u) {
            case "INCH", "IN", "INCHES", "\"" -> 25.4;
            case "CM" -> 10;
            case "M" -> 1000;
            default -> Double.NaN;
        };
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public FeatureSchema schema() {
        return schema;
    }

    public int categoricalCount() {
        return catFeature.length;
    }

    public int lengthCount() {
        return lenFeature.length;
    }

    /** Schema spec of a categorical slot. */
    public FeatureSpec categoricalSpec(int slot) {
        return schema.features().get(catFeature[slot]);
    }

    /** Schema spec of a length slot. */
    public FeatureSpec lengthSpec(int slot) {
        return schema.features().get(lenFeature[slot]);
    }

    /** The value a categorical code stands for; {@code null} for missing/unseen codes. */
    public String categoryValue(int slot, int code) {
        return code >= 0 ? vocabValues.get(slot).get(code) : null;
    }

    /** The values a categorical slot knows from training, sorted; any other value matches no item. */
    public List<String> categoryValues(int slot) {
        return vocabValues.get(slot);
    }

    /** The median length of a length slot over the training items, in millimetres. */
    public double medianMillimetres(int lengthSlot) {
        return Math.exp(center[lengthSlot]);
    }

    List<List<String>> vocabularies() {
        return vocabValues;
    }

    double[] centers() {
        return center.clone();
    }

    double[] scales() {
        return scale.clone();
    }

    double sentinel() {
        return sentinel;
    }

    /** An encoded item: categorical codes and robust-scaled log lengths (NaN = missing). */
    public record Encoded(int[] categorical, float[] lengths) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Encoded e && Arrays.equals(categorical, e.categorical)
                    && Arrays.equals(lengths, e.lengths);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(categorical) + Arrays.hashCode(lengths);
        }

        @Override
        public String toString() {
            return "Encoded" + Arrays.toString(categorical) + Arrays.toString(lengths);
        }
    }
}
