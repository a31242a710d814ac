package it.com.routingml;

import com.routingml.access.ItemColumns;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Item codes read from the IT server's real sample .accdb through UCanAccess. */
final class Items {

    static final Path ACCDB = Server.IT_DIR.resolve("data/sample/routing-sample.accdb");

    private Items() {
    }

    static List<String> codes(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + ACCDB.toAbsolutePath()
                + ";memory=false");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading " + ACCDB + ": " + e, e);
        }
        return out;
    }

    /** Some columns of one item (NULLs left out), keyed by column name as given. */
    static java.util.Map<String, Object> attributes(String itemCode, String... columns) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        String sql = "SELECT " + String.join(", ", columns) + " FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD = ?";
        String url = "jdbc:ucanaccess://" + ACCDB.toAbsolutePath() + ";memory=false";
        try (Connection c = DriverManager.getConnection(url);
             java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, itemCode);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no item " + itemCode + " in " + ACCDB);
                }
                for (String col : columns) {
                    Object v = rs.getObject(col);
                    if (v != null) {
                        out.put(col, v);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("reading " + ACCDB + ": " + e, e);
        }
        return out;
    }

    /** Items of the base population without a routing: new items as they really arrive. */
    static List<String> unroutedBase() {
        return codes("SELECT i.ITEM_CD FROM dbo_BI_ITEM_INFO_VIEW i WHERE i.ITEM_CD NOT LIKE 'NX-%' AND NOT EXISTS "
                + "(SELECT 1 FROM dbo_BI_ROUTING_VIEW r WHERE r.ITEM_CD = i.ITEM_CD) ORDER BY i.ITEM_CD");
    }

    /**
     * The item master rows of {@code itemCodes} as prediction requests' {@code attributes} objects,
     * by ITEM_CD: every item master column but ITEM_CD that is not NULL, numbers as numbers.
     */
    static Map<String, String> attributesJson(Path accdb, Collection<String> itemCodes) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + accdb.toAbsolutePath()
                + ";memory=false");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD = ?")) {
            for (String itemCode : itemCodes) {
                ps.setString(1, itemCode);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no item " + itemCode + " in " + accdb);
                    }
                    JsonObjectBuilder attributes = Json.createObjectBuilder();
                    for (String column : ItemColumns.ALL) {
                        Object v = column.equals("ITEM_CD") ? null : rs.getObject(column);
                        if (v instanceof Number n) {
                            attributes.add(column, new BigDecimal(n.toString()));
                        } else if (v != null) {
                            attributes.add(column, v.toString());
                        }
                    }
                    out.put(itemCode, attributes.build().toString());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading items of " + accdb + ": " + e, e);
        }
        return out;
    }

    /** The generator's shifted population (a product family the model never saw). */
    static List<String> shifted() {
        return codes("SELECT ITEM_CD FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_CD LIKE 'NX-%' ORDER BY ITEM_CD");
    }
}
