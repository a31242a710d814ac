package com.routingml.model;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RoutingModelTest {

    @Test
    void lengthsInTheWhyReadAsStringFormatWouldWriteThem() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 3) {
                case 0 -> rnd.nextDouble() * 5000;
                case 1 -> Math.round(rnd.nextDouble() * 100_000) / 1000.0; // three decimals: halves to round
                default -> rnd.nextInt(2000) + 0.005;
            };
            assertEquals(String.format(Locale.ROOT, "%.2f mm", v), RoutingModel.mm(v), "value " + v);
        }
        assertEquals("0.00 mm", RoutingModel.mm(0));
        assertNull(RoutingModel.mm(Double.NaN));
    }
}
