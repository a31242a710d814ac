package com.routingml.access;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemAttributesTest {

    @Test
    void itIsTheMapOfTheNonNullValuesInColumnOrder() {
        ItemAttributes.Columns columns =
                new ItemAttributes.Columns(List.of("PART_TYPE", "OUTDIAMETER", "SEALTYPEGRUP", "ITEM_TYPE"));
        ItemAttributes a = columns.builder().set(0, "TB-005").set(1, 310.0).set(3, "BU").build();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("PART_TYPE", "TB-005");
        expected.put("OUTDIAMETER", 310.0);
        expected.put("ITEM_TYPE", "BU");
        assertEquals(expected, a);
        assertEquals(a, expected);
        assertEquals(expected.hashCode(), a.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(a.keySet()), "column order");
        assertEquals(3, a.size());
        assertNull(a.get("SEALTYPEGRUP"));
        assertFalse(a.containsKey("SEALTYPEGRUP"));
        assertNull(a.get("NOT_A_COLUMN"));
        assertTrue(a.containsKey("OUTDIAMETER"));
        assertThrows(UnsupportedOperationException.class, () -> a.put("ITEM_TYPE", "SR"));
        assertThrows(UnsupportedOperationException.class, () -> a.remove("ITEM_TYPE"));
    }

    @Test
    void itemsShareTheirColumnsAndAreNotCopiedAgain() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("ITEM_TYPE", "BU");
        given.put("PART_TYPE", null);
        Item item = new Item("B1", given, null);
        assertEquals(Map.of("ITEM_TYPE", "BU"), item.attributes());
        given.put("ITEM_TYPE", "SR");
        assertEquals("BU", item.get("ITEM_TYPE"), "a copy of what was given");
        assertSame(item.attributes(), item.withFirstSeen(java.time.LocalDateTime.of(2025, 1, 1, 0, 0)).attributes());
        assertThrows(IllegalArgumentException.class, () -> new ItemAttributes.Columns(List.of("A", "A")));
    }
}
