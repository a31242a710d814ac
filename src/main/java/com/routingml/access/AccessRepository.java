package com.routingml.access;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads the item master and the routings from the Access file with plain SQL through UCanAccess,
 * so it works whether the {@code dbo_} views are tables or saved SELECT queries.
 *
 * <p>Not thread-safe per connection; callers own the {@link Connection}.
 */
public final class AccessRepository {

    public static final String ITEM_VIEW = "dbo_BI_ITEM_INFO_VIEW";
    public static final String ROUTING_VIEW = "dbo_BI_ROUTING_VIEW";

    static final String DRIVER = "net.ucanaccess.jdbc.UcanaccessDriver";
    private static final Logger LOG = Logger.getLogger(AccessRepository.class.getName());

    private static final String ROUTING_COLUMNS = "r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ, r.INSRT_DT, r.JOB_CD, r.JOB_NM,"
            + " r.RES_CD, r.RES_DIS, r.INSIDE_FLAG, r.TIME_UNIT, r.SETUP_TIME, r.RUN_TIME, r.VALID_TO_DT";

    private AccessRepository() {
    }

    /**
     * UCanAccess options of every connection. UCanAccess copies the whole file into an HSQLDB
     * mirror when the first connection to it opens, and shares that mirror, with the options it
     * was loaded with, among all connections to the file in the JVM - so the options are the same
     * for all callers, or whoever connects first would decide them.
     *
     * <ul>
     * <li>{@code memory=false}: the mirror lives in disk-backed (cached) HSQLDB tables under
     * {@code java.io.tmpdir}, not on the heap: {@code memory=true} keeps the whole mirror live,
     * which grows with the file and does not fit the job's heap at production size - faster to
     * load, but not bounded.</li>
     * <li>{@code skipIndexes=true}: the mirror gets no copies of the file's plain (non-unique)
     * indexes; primary keys and unique indexes stay. Maintaining those disk-backed indexes during
     * the copy is much of the load time, and the extract query reads the same rows in the same
     * order without them (docs/benchmarks.md, "Monthly retraining job"). Item look-ups by ITEM_CD
     * use the item master's primary key and are unaffected.</li>
     * <li>{@code mirrorFolder=java.io.tmpdir}: without it, UCanAccess writes the mirror next to the
     * Access file - onto the ERP share in production, which may be slow or read-only - as
     * large as the data it mirrors. The JVM's temporary directory is local; point
     * {@code -Djava.io.tmpdir} (Liberty's {@code jvm.options}) elsewhere if it is small. The mirror is
     * deleted when the last connection to the file closes (after UCanAccess's inactivity timeout).</li>
     * </ul>
     */
    static final String OPTIONS = ";memory=false;skipIndexes=true;mirrorFolder=java.io.tmpdir";

    /**
     * Opens a read connection to an Access file (with {@link #OPTIONS}).
     *
     * @throws SQLException when the file is missing, unreadable or not an Access database; the
     *                      message names the file
     */
    public static Connection open(Path accdb) throws SQLException {
        if (!Files.isRegularFile(accdb)) {
            throw new SQLException("Access database not found: " + accdb.toAbsolutePath());
        }
        if (!Files.isReadable(accdb)) {
            throw new SQLException("Access database is not readable: " + accdb.toAbsolutePath());
        }
        try {
            // Inside Liberty the driver sits in a shared library that DriverManager's service
            // loader does not scan; loading the class registers it.
            Class.forName(DRIVER);
            return DriverManager.getConnection("jdbc:ucanaccess://" + accdb.toAbsolutePath() + OPTIONS);
        } catch (ClassNotFoundException e) {
            throw new SQLException("the UCanAccess driver " + DRIVER + " is not on the class path", e);
        } catch (SQLException e) {
            throw new SQLException(openFailure(accdb.toAbsolutePath(), e), e.getSQLState(), e);
        }
    }

    /**
     * The message for a file that exists and is readable but that UCanAccess cannot open. The
     * driver's own words ("Unsupported newer version: 107", "Empty database file", "invalid page
     * number 1") do not tell an operator that the file itself is the problem, so when the failure
     * comes from Jackcess parsing the file, the message says so; anything else (the HSQLDB mirror
     * on a full disk, say) keeps the generic wording.
     */
    static String openFailure(Path accdb, Throwable e) {
        String reason = driverReason(e);
        return fromJackcess(e)
                ? "cannot open Access database " + accdb + ": not a readable Access database (" + reason + ")"
                : "cannot open Access database " + accdb + ": " + reason;
    }

    /** The driver's message without UCanAccess's {@code UCAExc:::<version> } prefix. */
    static String driverReason(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceFirst("^UCAExc:::[0-9.]+ ", "").trim();
    }

    /** Whether the failure (or a cause) was raised while Jackcess read the file. */
    private static boolean fromJackcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith("io.github.spannm.jackcess.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** All items of the item master, attributes by column name (NULL and blank text absent). */
    public static List<Item> loadItems(Connection c) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + ITEM_VIEW);
             ResultSet rs = ps.executeQuery()) {
            ItemRows rows = new ItemRows(rs.getMetaData());
            Texts texts = new Texts();
            while (rs.next()) {
                items.add(rows.read(rs, texts));
            }
        }
        LOG.fine(() -> "read " + items.size() + " items from " + ITEM_VIEW);
        return items;
    }

    /** One item by ITEM_CD, if present (prepares a statement: for repeated look-ups use {@link ItemLookup}). */
    public static Optional<Item> findItem(Connection c, String itemCode) throws SQLException {
        try (ItemLookup lookup = new ItemLookup(c)) {
            return lookup.find(itemCode);
        }
    }

    /**
     * Repeated look-ups by ITEM_CD on one connection. Preparing the statement and reading the
     * column labels cost UCanAccess far more than executing the prepared statement, so both are
     * done once. Not thread-safe; closing it leaves the connection open.
     */
    public static final class ItemLookup implements AutoCloseable {
        private final PreparedStatement ps;
        private ItemRows rows;

        public ItemLookup(Connection c) throws SQLException {
            this.ps = c.prepareStatement("SELECT * FROM " + ITEM_VIEW + " WHERE ITEM_CD = ?");
        }

        public Optional<Item> find(String itemCode) throws SQLException {
            ps.setString(1, itemCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (rows == null) {
                    rows = new ItemRows(rs.getMetaData());
                }
                return rs.next() ? Optional.of(rows.read(rs, null)) : Optional.empty();
            }
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }

    /**
     * The routings in force on {@code validity}'s day, grouped by ITEM_CD, each ordered by PROC_SEQ:
     * only rows in force that day are read ({@link RoutingValidity}), and a routing's
     * {@link Routing#validUntil()} is the earliest VALID_TO_DT of its rows. Rows without a JOB_CD
     * cannot be part of a routing we recommend; they are skipped and counted in the log.
     */
    public static Map<String, List<Routing>> loadRoutings(Connection c, RoutingValidity validity) throws SQLException {
        Map<String, List<Routing>> byItem = new LinkedHashMap<>();
        int skipped = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROUTING_COLUMNS + " FROM " + ROUTING_VIEW
                + " r WHERE " + RoutingValidity.CONDITION + " ORDER BY r.ITEM_CD, r.ROUT_NO, r.PROC_SEQ")) {
            validity.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                String curItem = null;
                String curRout = null;
                LocalDateTime curFirst = null;
                LocalDate curUntil = null;
                List<Operation> ops = new ArrayList<>();
                Texts texts = new Texts();
                while (rs.next()) {
                    String item = trimToNull(rs.getString("ITEM_CD"));
                    String rout = String.valueOf(trimToNull(rs.getString("ROUT_NO")));
                    String job = trimToNull(rs.getString("JOB_CD"));
                    if (item == null || job == null) {
                        skipped++;
                        continue;
                    }
                    if (!item.equals(curItem) || !rout.equals(curRout)) {
                        if (curItem != null && !ops.isEmpty()) {
                            byItem.computeIfAbsent(curItem, k -> new ArrayList<>(1))
                                    .add(new Routing(curItem, curRout, curFirst, ops, curUntil));
                        }
                        curItem = item;
                        curRout = texts.of(rout);
                        curFirst = null;
                        curUntil = null;
                        ops = new ArrayList<>();
                    }
                    Timestamp ts = rs.getTimestamp("INSRT_DT");
                    if (ts != null && (curFirst == null || ts.toLocalDateTime().isBefore(curFirst))) {
                        curFirst = ts.toLocalDateTime();
                    }
                    Timestamp to = rs.getTimestamp("VALID_TO_DT");
                    LocalDate until = to == null ? null : RoutingValidity.lastDay(to.toLocalDateTime());
                    if (until != null && (curUntil == null || until.isBefore(curUntil))) {
                        curUntil = until;
                    }
                    ops.add(new Operation(rs.getInt("PROC_SEQ"), texts.of(job), text(rs, "JOB_NM", texts),
                            text(rs, "RES_CD", texts), text(rs, "RES_DIS", texts),
                            !"N".equalsIgnoreCase(trimToNull(rs.getString("INSIDE_FLAG"))),
                            text(rs, "TIME_UNIT", texts), rs.getDouble("SETUP_TIME"), rs.getDouble("RUN_TIME")));
                }
                if (curItem != null && !ops.isEmpty()) {
                    byItem.computeIfAbsent(curItem, k -> new ArrayList<>(1))
                            .add(new Routing(curItem, curRout, curFirst, ops, curUntil));
                }
            }
        }
        if (skipped > 0) {
            LOG.warning("skipped " + skipped + " routing rows of " + ROUTING_VIEW + " without ITEM_CD or JOB_CD");
        }
        return byItem;
    }

    /** A text column of the current row, trimmed (blank as null), one instance per distinct text. */
    private static String text(ResultSet rs, String column, Texts texts) throws SQLException {
        return texts.of(trimToNull(rs.getString(column)));
    }

    /**
     * Reads item rows of one query: its column labels (upper case), read once per query because
     * UCanAccess metadata calls are slow, and the attribute columns its items share.
     */
    private static final class ItemRows {
        private final String[] labels;
        private final int[] position; // attribute position of each result column, -1 for ITEM_CD
        private final ItemAttributes.Columns columns;

        ItemRows(ResultSetMetaData md) throws SQLException {
            labels = new String[md.getColumnCount()];
            position = new int[labels.length];
            List<String> attributes = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = md.getColumnLabel(i + 1).toUpperCase(java.util.Locale.ROOT);
                position[i] = labels[i].equals("ITEM_CD") ? -1 : attributes.size();
                if (position[i] >= 0) {
                    attributes.add(labels[i]);
                }
            }
            columns = new ItemAttributes.Columns(attributes);
        }

        /** The current row; {@code texts} (null: none) shares equal texts among the items of a load. */
        Item read(ResultSet rs, Texts texts) throws SQLException {
            ItemAttributes.Builder attrs = columns.builder();
            String code = null;
            for (int i = 0; i < labels.length; i++) {
                Object v = normalise(rs.getObject(i + 1));
                if (position[i] < 0) {
                    code = v == null ? null : v.toString();
                } else if (v != null) {
                    attrs.set(position[i], texts != null && v instanceof String t ? texts.of(t) : v);
                }
            }
            return new Item(code, attrs.build(), null);
        }
    }

    /** NULL and blank text become absent; numbers become {@link Double}; text is trimmed. */
    public static Object normalise(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return trimToNull(s);
        }
        if (v instanceof BigDecimal b) {
            return b.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return v.toString();
    }

    /** {@code s} trimmed, or null when it is null or blank: how every text value of the file is read. */
    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
