package it.com.routingml;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routings out of force are never recommended, on the real server and the sample it generated on
 * its first start (on today's date: some routings of it ended before today, some start after).
 * Which routings are in force today is read here with plain SQL over the {@code .accdb}; a query
 * with an item's own attributes finds that item first (similarity 1) if the model holds it, so
 * its routings would be among the answers' references.
 */
class RoutingValidityIT {

    /** ITEM_CD -> ROUT_NO of its routings in force today, and of those out of force. */
    static final Map<String, Set<String>> IN_FORCE = new TreeMap<>();
    static final Map<String, Set<String>> OUT_OF_FORCE = new TreeMap<>();
    /** ITEM_CD -> the item's attributes as a request's JSON, for the items asked about. */
    static Map<String, String> attributes;

    @BeforeAll
    static void routingsOfTheSample() throws Exception {
        Server.awaitReady();
        LocalDate today = LocalDate.now();
        Timestamp startOfToday = Timestamp.valueOf(today.atStartOfDay());
        Timestamp startOfTomorrow = Timestamp.valueOf(today.plusDays(1).atStartOfDay());
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + Items.ACCDB.toAbsolutePath()
                + ";memory=false")) {
            read(c, "SELECT DISTINCT ITEM_CD, ROUT_NO FROM dbo_BI_ROUTING_VIEW"
                    + " WHERE (VALID_FROM_DT IS NULL OR VALID_FROM_DT < ?)"
                    + " AND (VALID_TO_DT IS NULL OR VALID_TO_DT >= ?)",
                    startOfTomorrow, startOfToday, IN_FORCE);
            read(c, "SELECT DISTINCT ITEM_CD, ROUT_NO FROM dbo_BI_ROUTING_VIEW WHERE VALID_FROM_DT >= ?"
                    + " OR VALID_TO_DT < ?", startOfTomorrow, startOfToday, OUT_OF_FORCE);
        }
        assertFalse(OUT_OF_FORCE.isEmpty(), "the IT sample has routings out of force today");
        Set<String> asked = new HashSet<>(OUT_OF_FORCE.keySet());
        asked.addAll(inForceOnly(OUT_OF_FORCE.size()));
        attributes = Items.attributesJson(Items.ACCDB, asked);
    }

    /** The first {@code n} items all of whose routings are in force. */
    private static List<String> inForceOnly(int n) {
        return IN_FORCE.keySet().stream().filter(i -> !OUT_OF_FORCE.containsKey(i)).limit(n).toList();
    }

    private static void read(Connection c, String sql, Timestamp first, Timestamp second, Map<String, Set<String>> into)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, first);
            ps.setTimestamp(2, second);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
    }

    /**
     * Items whose every routing has ended or is still ahead are not in the model: asked with their
     * own attributes, the answer never names them. The same question about items in force names
     * the item itself, so the check can see an item the model holds.
     */
    @Test
    void anItemWithoutARoutingInForceIsNeverAReference() {
        List<String> withoutRouting = OUT_OF_FORCE.keySet().stream().filter(i -> !IN_FORCE.containsKey(i)).toList();
        assertTrue(withoutRouting.size() >= 20, "items without a routing in force: " + withoutRouting.size());
        for (String item : withoutRouting) {
            Map<String, Set<String>> refs = referencesOf(item);
            assertFalse(refs.containsKey(item), item + " has no routing in force but is a reference: "
                    + refs.get(item));
        }
        List<String> inForce = inForceOnly(withoutRouting.size());
        long found = inForce.stream().filter(i -> referencesOf(i).containsKey(i)).count();
        assertTrue(found >= 0.9 * inForce.size(), found + " of " + inForce.size() + " items in force found themselves");
    }

    /**
     * An item with a routing in force and one out of force (withdrawn, or planned for later) is in
     * the model, and its routing out of force is never offered, neither as a candidate referencing
     * the item nor for any item asked about.
     */
    @Test
    void aRoutingOutOfForceOfAnItemInForceIsNeverOffered() {
        List<String> mixed = OUT_OF_FORCE.keySet().stream().filter(IN_FORCE::containsKey).toList();
        assertTrue(mixed.size() >= 20, "items with routings in and out of force: " + mixed.size());
        int referenced = 0;
        for (String item : mixed) {
            Map<String, Set<String>> refs = referencesOf(item);
            Set<String> offered = refs.getOrDefault(item, Set.of());
            assertTrue(IN_FORCE.get(item).containsAll(offered), item + " offered with " + offered + "; in force: "
                    + IN_FORCE.get(item));
            refs.forEach((other, routings) -> routings.forEach(r -> assertFalse(
                    OUT_OF_FORCE.getOrDefault(other, Set.of()).contains(r)
                            && !IN_FORCE.getOrDefault(other, Set.of()).contains(r),
                    other + " " + r + " is out of force but offered")));
            if (!offered.isEmpty()) {
                referenced++;
            }
        }
        assertTrue(referenced >= 0.9 * mixed.size(), referenced + " of " + mixed.size()
                + " items with a routing in force found");
    }

    /** ITEM_CD -> ROUT_NO of every reference in the top-10 answer for {@code item}'s own attributes. */
    private static Map<String, Set<String>> referencesOf(String item) {
        Server.Reply r = Server.post("/api/predictions", "{\"attributes\":" + attributes.get(item) + ",\"topK\":10}");
        assertEquals(200, r.status(), item + ": " + r.body());
        Map<String, Set<String>> refs = new HashMap<>();
        for (JsonObject candidate : r.json().getJsonArray("candidates").getValuesAs(JsonObject.class)) {
            for (JsonObject ref : candidate.getJsonArray("references").getValuesAs(JsonObject.class)) {
                refs.computeIfAbsent(ref.getString("itemCode"), k -> new HashSet<>()).add(ref.getString("routingNo"));
            }
        }
        return refs;
    }
}
