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
        assertTrue(e.getMessage().contains("none, shuffleRoutings, dropFamilies"), e.getMessage());
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
        assertEquals(Degradation.NONE, new RetrainConfig("a.accdb", "/d", 10, 1, 0.01, 0.05, 0.05, 0.7, 180, false,
                null, null).degrade());
    }

    @Test
    void dropFamiliesRemovesAThirdOfTheFamiliesAndNoOther() {
        TrainingData single = Catalogs.families(600, 30, 3);
        // every fifth item also has an alternate routing: that of the item after it
        java.util.Map<String, List<Routing>> withAlternates = new java.util.LinkedHashMap<>();
        List<String> codes = new ArrayList<>(single.routings().keySet());
        for (int i = 0; i < codes.size(); i++) {
            List<Routing> rs = new ArrayList<>(single.routings().get(codes.get(i)));
            if (i % 5 == 0 && i + 1 < codes.size()) {
                Routing other = single.routings().get(codes.get(i + 1)).get(0);
                rs.add(new Routing(codes.get(i), "R2", other.insertedAt(), other.operations()));
            }
            withAlternates.put(codes.get(i), rs);
        }
        TrainingData d = new TrainingData(single.items(), single.columns(), withAlternates, single.routingRows(),
                "alternates",
                single.sha256());
        TrainingData dropped = Degradation.DROP_FAMILIES.apply(d);
        List<List<Routing>> before = new ArrayList<>(d.routings().values());
        List<List<Routing>> after = new ArrayList<>(dropped.routings().values());
        int families = Coverage.families(before).size();
        java.util.Set<List<String>> gone = new java.util.HashSet<>(Coverage.families(before).keySet());
        gone.removeAll(Coverage.followedBy(after));
        assertEquals((families + 2) / 3, gone.size(), "a third of " + families + " families have no item left");
        assertEquals(families - gone.size(), Coverage.of(new ArrayList<>(dropped.routings().keySet()), after,
                new ArrayList<>(d.routings().keySet()), before).keptFamilies(), "every other family stays");
        assertEquals(dropped.items().size(), dropped.routings().size());
        assertTrue(dropped.source().contains("degrade=dropFamilies"), dropped.source());
        assertEquals(dropped.routings(), Degradation.DROP_FAMILIES.apply(d).routings(), "seeded: the same every time");
    }
}
