package com.routingml.drift;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KlHistoryTest {

    @Test
    void keepsEveryOfferUntilFull() {
        KlHistory h = new KlHistory(8);
        for (int i = 0; i < 8; i++) {
            h.offer(1000L * i, i / 10.0, i);
        }
        List<KlHistory.Point> p = h.points();
        assertEquals(8, p.size());
        assertEquals(0.7, p.get(7).kl(), 1e-12);
        assertEquals(7000, p.get(7).time().toEpochMilli());
        assertEquals(1, h.stride());
    }

    @Test
    void aFullHistoryHalvesItsResolutionAndKeepsThePeaksOfTheWholePeriod() {
        KlHistory h = new KlHistory(8);
        for (int i = 0; i < 1000; i++) {
            h.offer(i, i == 333 ? 5.0 : 0.1, 100);
        }
        List<KlHistory.Point> p = h.points();
        assertTrue(p.size() <= 8 && p.size() >= 4, "points: " + p.size());
        assertEquals(0, p.get(0).time().toEpochMilli(), "the start of the period is kept");
        assertTrue(p.get(p.size() - 1).time().toEpochMilli() >= 1000 - h.stride(),
                "the end is near the last offer: " + p);
        assertTrue(p.stream().anyMatch(x -> x.kl() == 5.0 && x.time().toEpochMilli() == 333), "peak kept: " + p);
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i).time().isAfter(p.get(i - 1).time()), "oldest first: " + p);
        }
    }

    @Test
    void recordedEventsBypassTheStride() {
        KlHistory h = new KlHistory(4);
        for (int i = 0; i < 5; i++) {
            h.offer(i, 0.1, 1);
        }
        long stride = h.stride();
        assertTrue(stride > 1);
        int before = h.points().size();
        h.record(99, 2.0, 50);
        assertEquals(before + 1, h.points().size());
        assertEquals(2.0, h.points().get(before).kl(), 1e-12);
    }

    @Test
    void anUndefinedKlIsShownAsZero() {
        KlHistory h = new KlHistory(2);
        h.record(1, Double.NaN, 0);
        assertEquals(0, h.points().get(0).kl());
    }

    @Test
    void refusesAnOddOrTinyCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new KlHistory(3));
        assertThrows(IllegalArgumentException.class, () -> new KlHistory(0));
    }
}
