package com.routingml.model;

import com.routingml.access.Item;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.routingml.model.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEncoderTest {

    private final List<Item> train = List.of(
            item("A", "PART_TYPE", "P1", "OUTDIAMETER", 10.0, "ROTATE_CLOCKWISE", 1.0),
            item("B", "PART_TYPE", "p2 ", "OUTDIAMETER", 20.0),
            item("C", "PART_TYPE", "P3", "OUTDIAMETER", 40.0),
            item("D", "PART_TYPE", "P1", "OUTDIAMETER", 80.0, "OUTDIAMETER_UNIT", "MM"),
            item("E", "OUTDIAMETER", 9999.0));
    private final FeatureEncoder enc = FeatureEncoder.fit(FeatureSchema.defaults(), train,
            FeatureEncoder.DEFAULT_SENTINEL);
    private final int partSlot = slotOf("PART_TYPE", true);
    private final int odSlot = slotOf("OUTDIAMETER", false);

    private int slotOf(String col, boolean categorical) {
        int n = categorical ? enc.categoricalCount() : enc.lengthCount();
        for (int j = 0; j < n; j++) {
            if ((categorical ? enc.categoricalSpec(j) : enc.lengthSpec(j)).column().equals(col)) {
                return j;
            }
        }
        throw new AssertionError(col);
    }

    @Test
    void categoricalsAreCanonicalCodesAndNullIsMissingNotACategory() {
        FeatureEncoder.Encoded p1 = enc.encode(item("Q", "PART_TYPE", " p1"));
        FeatureEncoder.Encoded d = enc.encode(train.get(3));
        assertEquals(d.categorical()[partSlot], p1.categorical()[partSlot], "trimmed, case-folded values share a code");
        assertEquals("P2", enc.categoryValue(partSlot, enc.encode(train.get(1)).categorical()[partSlot]));
        assertEquals(FeatureEncoder.MISSING, enc.encode(item("Q")).categorical()[partSlot]);
        assertEquals(FeatureEncoder.UNSEEN, enc.encode(item("Q", "PART_TYPE", "NEVER")).categorical()[partSlot]);
    }

    @Test
    void numericFlagFromAccessEqualsTextFlagFromJson() {
        int rot = slotOf("ROTATE_CLOCKWISE", true);
        assertEquals(enc.encode(train.get(0)).categorical()[rot],
                enc.encode(item("Q", "ROTATE_CLOCKWISE", "1")).categorical()[rot]);
    }

    @Test
    void sentinelsNonPositiveAndUnknownUnitsAreMissing() {
        assertTrue(Float.isNaN(enc.encode(item("Q", "OUTDIAMETER", 9999.0)).lengths()[odSlot]));
        assertTrue(Float.isNaN(enc.encode(item("Q", "OUTDIAMETER", 12000.0)).lengths()[odSlot]));
        assertTrue(Float.isNaN(enc.encode(item("Q", "OUTDIAMETER", 0.0)).lengths()[odSlot]));
        assertTrue(Float.isNaN(
                enc.encode(item("Q", "OUTDIAMETER", 10.0, "OUTDIAMETER_UNIT", "FURLONG")).lengths()[odSlot]));
        assertTrue(Float.isNaN(enc.encode(item("Q", "OUTDIAMETER", "abc")).lengths()[odSlot]));
    }

    @Test
    void inchesAreConvertedAndScaleIsRobustLog() {
        float mm = enc.encode(item("Q", "OUTDIAMETER", 25.4)).lengths()[odSlot];
        float inch = enc.encode(item("Q", "OUTDIAMETER", 1.0, "OUTDIAMETER_UNIT", "inch")).lengths()[odSlot];
        assertEquals(mm, inch, 1e-6);
        // Training lengths 10, 20, 40, 80 (sentinel excluded): ln-spaced by ln 2, median ln(28.28),
        // IQR of the logs = 1.5 ln 2, robust sigma = IQR / 1.349.
        double sigma = 1.5 * Math.log(2) / 1.349;
        double expected = (Math.log(25.4) - Math.log(Math.sqrt(20 * 40))) / sigma;
        assertEquals(expected, mm, 1e-5);
        assertEquals(25.4, enc.millimetresOf(odSlot, mm), 1e-3);
    }

    @Test
    void encodingDependsOnlyOnTheItemAndTheTrainingItems() {
        FeatureEncoder.Encoded first = enc.encode(train.get(0));
        train.forEach(enc::encode);
        Item sameAttributes = item("A", "PART_TYPE", "P1", "OUTDIAMETER", 10.0, "ROTATE_CLOCKWISE", 1.0);
        assertEquals(first, enc.encode(sameAttributes), "encoding other items leaves no trace");
        FeatureEncoder refitted = FeatureEncoder.fit(FeatureSchema.defaults(), List.copyOf(train),
                FeatureEncoder.DEFAULT_SENTINEL);
        for (Item i : train) {
            assertEquals(enc.encode(i), refitted.encode(i), "fitting is reproducible: " + i);
        }
    }
}
