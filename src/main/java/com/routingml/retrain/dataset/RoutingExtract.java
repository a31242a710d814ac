package com.routingml.retrain.dataset;

import com.routingml.access.AccessRepository;
import com.routingml.access.RoutingValidity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The extract query: routing operation rows in force on the run's day, joined to their item's
 * attributes, read through UCanAccess in keyset order - key order (ITEM_CD, ROUT_NO, PROC_SEQ) for
 * the whole catalog, newest first (INSRT_DT DESC, then the key) for {@link ExtractScope#NEWEST}.
 *
 * <p>Rows without ITEM_CD, ROUT_NO, PROC_SEQ or JOB_CD have no place in that order or in a routing
 * and are not extracted, nor rows without INSRT_DT when the newest are read; routing rows whose item
 * is missing from the item master are not either (inner join). Values are converted as the training
 * loader converts them (text trimmed, blank as NULL, numbers as doubles), so a model trained from
 * the dataset sees the same attributes as one trained from the Access file.
 */
public final class RoutingExtract {

    /** Routing columns in dataset order; the item master's columns follow, prefixed. */
    static final List<DatasetColumn> ROUTING_COLUMNS = List.of(
            routing("ITEM_CD", DatasetColumn.Type.STRING), routing("ROUT_NO", DatasetColumn.Type.STRING),
            routing("PROC_SEQ", DatasetColumn.Type.INT), routing("INSRT_DT", DatasetColumn.Type.TIMESTAMP),
            routing("JOB_CD", DatasetColumn.Type.STRING), routing("JOB_NM", DatasetColumn.Type.STRING),
            routing("RES_CD", DatasetColumn.Type.STRING), routing("RES_DIS", DatasetColumn.Type.STRING),
            routing("INSIDE_FLAG", DatasetColumn.Type.STRING), routing("TIME_UNIT", DatasetColumn.Type.STRING),
            routing("SETUP_TIME", DatasetColumn.Type.DOUBLE), routing("RUN_TIME", DatasetColumn.Type.DOUBLE),
            routing("VALID_FROM_DT", DatasetColumn.Type.TIMESTAMP),
            routing("VALID_TO_DT", DatasetColumn.Type.TIMESTAMP));

    static final String FILTER = "r.ITEM_CD IS NOT NULL AND r.ROUT_NO IS NOT NULL AND r.PROC_SEQ IS NOT NULL"
            + " AND r.JOB_CD IS NOT NULL";
    static final String NEWEST_FILTER = " AND r.INSRT_DT IS NOT NULL";
    static final String KEY_AFTER = "r.ITEM_CD > ? OR (r.ITEM_CD = ? AND (r.ROUT_NO > ?"
            + " OR (r.ROUT_NO = ? AND r.PROC_SEQ > ?)))";
    static final String NEWEST_AFTER = " AND (r.INSRT_DT < ? OR (r.INSRT_DT = ? AND (" + KEY_AFTER + ")))";
    static final String CATALOG_AFTER = " AND (" + KEY_AFTER + ")";
    static final String NEWEST_ORDER = " ORDER BY r.INSRT_DT DESC, r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ";
    static final String CATALOG_ORDER = " ORDER BY r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ";

    private final List<DatasetColumn> columns;
    private final List<String> itemColumns;

    private RoutingExtract(List<DatasetColumn> columns, List<String> itemColumns) {
        this.columns = List.copyOf(columns);
        this.itemColumns = List.copyOf(itemColumns);
    }

    private static DatasetColumn routing(String name, DatasetColumn.Type type) {
        return new DatasetColumn(name, type, AccessRepository.ROUTING_VIEW + "." + name);
    }

    /** Discovers the item master's columns (and their types) of the connected Access file. */
    public static RoutingExtract discover(Connection c) throws SQLException {
        List<DatasetColumn> cols = new ArrayList<>(ROUTING_COLUMNS);
        List<String> items = new ArrayList<>();
        Set<String> names = new HashSet<>();
        cols.forEach(x -> names.add(x.name()));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + AccessRepository.ITEM_VIEW + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String label = md.getColumnLabel(i).toUpperCase(Locale.ROOT);
                if (label.equals("ITEM_CD")) {
                    continue;
                }
                String field = DatasetColumn.itemField(label);
                if (!names.add(field)) {
                    throw new SQLException("item master columns clash in the dataset as " + field + " (" + label + ")");
                }
                items.add(label);
                cols.add(new DatasetColumn(field,
                        numeric(md.getColumnType(i)) ? DatasetColumn.Type.DOUBLE : DatasetColumn.Type.STRING,
                        AccessRepository.ITEM_VIEW + "." + label));
            }
        }
        return new RoutingExtract(cols, items);
    }

    private static boolean numeric(int sqlType) {
        return switch (sqlType) {
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL, Types.INTEGER, Types.SMALLINT,
                 Types.TINYINT, Types.BIGINT, Types.BOOLEAN, Types.BIT -> true;
            default -> false;
        };
    }

    public List<DatasetColumn> columns() {
        return columns;
    }

    /**
     * The rows of {@code scope} after {@code after} (all rows when {@code null}), in its order.
     *
     * @param validity the day rows must be in force on; null reads every row (runs started before
     *                 validity was judged keep reading what they started with)
     */
    public PreparedStatement query(Connection c, ExtractScope scope, RoutingValidity validity, RowKey after)
            throws SQLException {
        boolean newest = scope == ExtractScope.NEWEST;
        StringBuilder sql = new StringBuilder("SELECT r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ, r.INSRT_DT, r.JOB_CD, r.JOB_NM,"
                + " r.RES_CD, r.RES_DIS, r.INSIDE_FLAG, r.TIME_UNIT, r.SETUP_TIME, r.RUN_TIME, r.VALID_FROM_DT,"
                + " r.VALID_TO_DT");
        for (String col : itemColumns) {
            sql.append(", i.").append(quote(col));
        }
        sql.append(" FROM ").append(AccessRepository.ROUTING_VIEW).append(" r INNER JOIN ")
                .append(AccessRepository.ITEM_VIEW).append(" i ON i.ITEM_CD = r.ITEM_CD WHERE ").append(FILTER);
        if (newest) {
            sql.append(NEWEST_FILTER);
        }
        if (validity != null) {
            sql.append(" AND ").append(RoutingValidity.CONDITION);
        }
        if (after != null) {
            sql.append(newest ? NEWEST_AFTER : CATALOG_AFTER);
        }
        sql.append(newest ? NEWEST_ORDER : CATALOG_ORDER);
        PreparedStatement ps = c.prepareStatement(sql.toString());
        int p = validity == null ? 1 : validity.bind(ps, 1);
        if (after != null) {
            if (newest) {
                Timestamp ts = Timestamp.valueOf(after.insertedAt());
                ps.setTimestamp(p++, ts);
                ps.setTimestamp(p++, ts);
            }
            ps.setString(p++, after.itemCode());
            ps.setString(p++, after.itemCode());
            ps.setString(p++, after.routingNo());
            ps.setString(p++, after.routingNo());
            ps.setInt(p, after.procSeq());
        }
        return ps;
    }

    private static String quote(String col) {
        return col.matches("[A-Za-z_][A-Za-z0-9_]*") ? col : "[" + col + "]";
    }

    /** Converts the current row. Its key holds the values as stored (untrimmed), for the next query. */
    public ExtractRow read(ResultSet rs) throws SQLException {
        Object[] v = new Object[columns.size()];
        String itemRaw = rs.getString(1);
        String routRaw = rs.getString(2);
        int procSeq = rs.getInt(3);
        LocalDateTime insertedAt = time(rs, 4);
        v[0] = AccessRepository.trimToNull(itemRaw);
        v[1] = AccessRepository.trimToNull(routRaw);
        v[2] = procSeq;
        v[3] = insertedAt == null ? null : micros(insertedAt);
        for (int i = 4; i < 10; i++) {
            v[i] = AccessRepository.trimToNull(rs.getString(i + 1));
        }
        v[10] = doubleOrNull(rs.getObject(11));
        v[11] = doubleOrNull(rs.getObject(12));
        LocalDateTime validFrom = time(rs, 13);
        LocalDateTime validTo = time(rs, 14);
        v[12] = validFrom == null ? null : micros(validFrom);
        v[13] = validTo == null ? null : micros(validTo);
        for (int i = ROUTING_COLUMNS.size(); i < columns.size(); i++) {
            Object raw = AccessRepository.normalise(rs.getObject(i + 1));
            v[i] = columns.get(i).type() == DatasetColumn.Type.DOUBLE ? doubleOrNull(raw)
                    : raw == null ? null : raw.toString();
        }
        return new ExtractRow(new RowKey(insertedAt, itemRaw, routRaw, procSeq), v);
    }

    private static LocalDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toLocalDateTime();
    }

    /** Microseconds since 1970-01-01T00:00 of a local (zone-less) date-time, as Parquet stores it. */
    public static long micros(LocalDateTime t) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t);
    }

    public static LocalDateTime fromMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    private static Double doubleOrNull(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.valueOf(o.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
