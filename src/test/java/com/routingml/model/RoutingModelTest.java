package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Routing;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T02:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);

    /**
     * Thirty items of one family; every third also has an alternative routing that stays in force
     * until {@link #LAST_DAY}. On that day the alternative is recommended beside the family's
     * routing; from the next day on it never is, nor is any item referenced for it.
     */
    @Test
    void aRoutingThatEndsAfterTrainingIsNotRecommendedFromTheDayAfterItsLastDay() {
        List<Item> items = new ArrayList<>();
        Map<String, List<Routing>> routings = new HashMap<>();
        LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        for (int i = 0; i < 30; i++) {
            String code = String.format(Locale.ROOT, "IT%03d", i);
            items.add(Fixtures.item(code, "ITEM_TYPE", "T", "PART_TYPE", "P", "OUTDIAMETER", 50.0 + i));
            Routing family = Fixtures.routing(code, "R1", t0.plusDays(i), "F10-1", "F40-1", "Q30-1");
            Routing ending = Fixtures.routing(code, "R2", t0.plusDays(i), "F10-1", "외주8", "Q30-1");
            routings.put(code, i % 3 == 0
                    ? List.of(family, new Routing(code, "R2", ending.insertedAt(), ending.operations(), LAST_DAY))
                    : List.of(family));
        }
        TrainingData data = new TrainingData(items, List.of("ITEM_CD", "ITEM_TYPE", "PART_TYPE", "OUTDIAMETER"),
                routings, 0, "fixture", "0".repeat(64), LAST_DAY.minusDays(29));
        RoutingModel model = Trainer.train(data, TrainingConfig.defaults(), "v1", CLOCK);
        Item query = Fixtures.item(null, "ITEM_TYPE", "T", "PART_TYPE", "P", "OUTDIAMETER", 60.0);
        List<String> alternative = List.of("F10-1", "외주8", "Q30-1");

        Recommendation onLastDay = model.recommend(query, 3, LAST_DAY);
        assertTrue(onLastDay.candidates().stream().anyMatch(c -> c.jobCodes().equals(alternative)),
                onLastDay.toString());
        assertEquals(model.recommend(query, 3), onLastDay, "every routing of the model is in force on its last day");
        Recommendation after = model.recommend(query, 3, LAST_DAY.plusDays(1));
        assertFalse(after.candidates().isEmpty());
        assertTrue(after.candidates().stream().noneMatch(c -> c.jobCodes().equals(alternative)), after.toString());
        assertTrue(after.candidates().stream().flatMap(c -> c.references().stream())
                .noneMatch(r -> r.routingNo().equals("R2")));
    }

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
