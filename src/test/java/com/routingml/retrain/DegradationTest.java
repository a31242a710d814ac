package com.routingml.retrain;

import com.routingml.access.Item;
import com.routingml.access.Operation;
import com.routingml.access.Routing;
import com.routingml.model.TrainingData;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DegradationTest {

    /** n items, item i routed once with the JOB_CD sequence [J{i}a, J{i}b] on day i. */
    static TrainingData data(int n) {
        List<Item> items = new ArrayList<>();
        Map<String, List<Routing>> routings = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String code = "IT-" + i;
            items.add(new Item(code, Map.of("ITEM_TYPE", "T" + (i % 3)), null));
            routings.put(code, List.of(new Routing(code, "01", LocalDateTime.of(2025, 1, 1, 0, 0).plusDays(i), List.of(
                    new Operation(10, "J" + i + "a", "a", null, null, true, "MIN", 1, 2),
                    new Operation(20, "J" + i + "b", "b", null, null, true, "MIN", 1, 3)))));
        }
        return new TrainingData(items, List.of("ITEM_CD", "ITEM_TYPE"), routings, 2 * n, "/data/ds", "abc");
    }

    @Test
    void parsesTheParameterAndNamesTheAcceptedValues() {
        assertEquals(Degradation.SHUFFLE_ROUTINGS, Degradation.parse(" shuffleRoutings "));
        assertEquals(Degradation.NONE, Degradation.parse("NONE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Degradation.parse("worse"));
        assertTrue(e.getMessage().contains("none, shuffleRoutings"), e.getMessage());
    }

    @Test
    void noneTrainsOnTheDataAsExtracted() {
        TrainingData d = data(10);
        assertSame(d, Degradation.NONE.apply(d));
    }

    @Test
    void shuffleGivesEveryItemAnotherItemsRoutingsKeepingItsTimelineAndTheMultiset() {
        TrainingData d = data(50);
        TrainingData s = Degradation.SHUFFLE_ROUTINGS.apply(d);
        assertEquals(d.items(), s.items());
        assertEquals(d.routings().keySet(), s.routings().keySet());
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String code : d.routings().keySet()) {
            Routing own = d.routings().get(code).get(0);
            Routing got = s.routings().get(code).get(0);
            assertNotEquals(own.jobCodes(), got.jobCodes(), code + " kept its own routing");
            assertEquals(code, got.itemCode());
            assertEquals(own.insertedAt(), got.insertedAt(), "the item's first INSRT_DT is kept");
            before.add(own.jobCodes().get(0));
            after.add(got.jobCodes().get(0));
        }
        before.sort(null);
        after.sort(null);
        assertEquals(before, after, "the same routings, moved between items");
        assertTrue(s.source().contains("degrade=shuffleRoutings"), "provenance names the drill: " + s.source());
        assertEquals(s.routings(), Degradation.SHUFFLE_ROUTINGS.apply(d).routings(), "seeded: the same every time");
    }

    @Test
    void settingsWithoutADrillMeanNone() {
        RetrainSettings s = new RetrainSettings("a.accdb", "/d", 10, 1, 0.01, 0.05, 180, false, null, null);
        assertEquals(Degradation.NONE, s.degrade());
    }
}
