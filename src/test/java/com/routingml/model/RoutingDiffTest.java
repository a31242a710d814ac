package com.routingml.model;

import com.routingml.access.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoutingDiffTest {

    private static Operation op(int seq, String job, String wc, double run) {
        return new Operation(seq, job, "작업 " + job, wc, null, true, "M", 5, run);
    }

    @Test
    void theSameRoutingOfAnotherItemIsIdenticalWhateverItsProcSeq() {
        RoutingDiff d = RoutingDiff.of(List.of(op(10, "F61-1", "MAT-WC1", 10), op(20, "Q30-1", "INS-WC2", 15)),
                List.of(op(100, "F61-1", "MAT-WC1", 10), op(200, "Q30-1", "INS-WC2", 15)));
        assertTrue(d.identical());
        assertEquals(2, d.rows().size());
    }

    @Test
    void aSubstitutedOperationShowsAsOneOnEachSideAndTheRestAligns() {
        RoutingDiff d = RoutingDiff.of(
                List.of(op(10, "F61-1", "A", 1), op(20, "F20-1", "B", 2), op(30, "F35-1", "C", 3),
                        op(40, "Q30-1", "D", 4)),
                List.of(op(10, "F61-1", "A", 1), op(20, "F20-2", "B", 2), op(30, "F35-1", "C", 3),
                        op(40, "Q30-1", "D", 4)));
        List<RoutingDiff.Change> changes = d.rows().stream().map(RoutingDiff.Row::change).toList();
        assertEquals(List.of(RoutingDiff.Change.SAME, RoutingDiff.Change.ONLY_RIGHT, RoutingDiff.Change.ONLY_LEFT,
                RoutingDiff.Change.SAME, RoutingDiff.Change.SAME), changes);
        assertEquals("F20-2", d.rows().get(1).right().jobCode());
        assertNull(d.rows().get(1).left());
        assertEquals("F20-1", d.rows().get(2).left().jobCode());
        assertFalse(d.identical());
    }

    @Test
    void theSameOperationAtAnotherWorkCentreOrWithOtherTimesIsChangedAndSaysWhat() {
        RoutingDiff d = RoutingDiff.of(List.of(op(10, "F61-1", "MAT-WC1", 10)),
                List.of(op(10, "F61-1", "MAT-WC2", 12)));
        RoutingDiff.Row r = d.rows().get(0);
        assertEquals(RoutingDiff.Change.CHANGED, r.change());
        assertEquals(List.of("RES_CD", "RUN_TIME"), r.differences());
    }

    @Test
    void extraOperationsAtEitherEndAreOnlyOnOneSide() {
        RoutingDiff d = RoutingDiff.of(List.of(op(10, "F61-1", "A", 1), op(20, "Q30-1", "B", 1)),
                List.of(op(5, "외주8", "X", 1), op(10, "F61-1", "A", 1)));
        assertEquals(List.of(RoutingDiff.Change.ONLY_RIGHT, RoutingDiff.Change.SAME, RoutingDiff.Change.ONLY_LEFT),
                d.rows().stream().map(RoutingDiff.Row::change).toList());
    }

    @Test
    void theRoutingsOfTwoItemsOfAModelAreFoundByItemAndRoutingAndUnknownOnesAreNamed() {
        RoutingModel m = Trainer.train(Fixtures.families(300, 4, 0.2, 5), TrainingConfig.defaults(), "v1",
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-01T02:00:00Z"), java.time.ZoneOffset.UTC));
        String a = m.itemCodes().get(0);
        String b = m.itemCodes().get(1);
        RoutingDiff d = RoutingDiff.between(m, a, "R1", b, null);
        assertEquals(m.routings().get(0).get(0).operations(), d.rows().stream().map(RoutingDiff.Row::left)
                .filter(java.util.Objects::nonNull).toList(), "the left side is the first item's routing R1");
        assertTrue(RoutingDiff.between(m, a, null, a, "R1").identical());
        String missing = org.junit.jupiter.api.Assertions.assertThrows(java.util.NoSuchElementException.class,
                () -> RoutingDiff.between(m, a, null, "NOPE", null)).getMessage();
        assertTrue(missing.contains("NOPE"), missing);
        String routing = org.junit.jupiter.api.Assertions.assertThrows(java.util.NoSuchElementException.class,
                () -> RoutingDiff.between(m, a, "R9", b, null)).getMessage();
        assertTrue(routing.contains("R9") && routing.contains("R1"), routing);
    }
}
