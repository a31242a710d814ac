package com.routingml.drift.monitor;

import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.Tier;
import com.routingml.storage.Migrations;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Durable drift state of one server in the application's database ({@code jdbc/routingml}): the
 * events, one row each (never updated or deleted) and marked with the server that recorded them,
 * and the server's own window snapshot with its retrain-trigger state, one row per server. Servers
 * sharing the database see every server's events ({@link #events(Instant, int)}) but restore only
 * their own window and history.
 *
 * <p>Plain JDBC on a {@link DataSource}; each call is its own committed transaction, so an event is
 * stored when {@link #append} returns. The tables are created and migrated by
 * {@link Migrations} ({@link #createSchema}).
 */
public final class DriftStore {

    private static final Logger LOG = Logger.getLogger(DriftStore.class.getName());

    /** Format of the window snapshot bytes. */
    static final int SNAPSHOT_FORMAT = 1;
    /**
     * Name under which the migration keeps the window of a database used by one server before
     * servers were told apart; the first server to load its state adopts it.
     */
    static final String SINGLE_SERVER = "(single server)";

    private static final String EVENT_COLUMNS = "EVENT_TIME, KIND, KL, PSI, KS_STAT, KS_P, WINDOW_MEAN, WINDOW_STD, "
            + "WINDOW_SIZE, MODEL_VERSION, TIER";

    private final DataSource ds;
    private final String server;

    /**
     * @param ds     the application's database
     * @param server this server's name ({@code ClusterMember}), at most 200 characters
     */
    public DriftStore(DataSource ds, String server) {
        if (server == null || server.isBlank() || server.length() > 200 || server.equals(SINGLE_SERVER)) {
            throw new IllegalArgumentException("drift store server name must be 1 to 200 characters, was '"
                    + server + "'");
        }
        this.ds = ds;
        this.server = server;
    }

    /** Persisted detector state beside the events. */
    public record State(DriftDetector.Snapshot snapshot, Instant savedAt, Instant lastRetrainTrigger) {
    }

    /**
     * An event as stored, with the server that recorded it ({@code null} for an event from before
     * servers were told apart that no server has adopted).
     */
    public record Recorded(String server, DriftEvent event) {
    }

    /** Creates or migrates the tables ({@link Migrations.Schema#STATE}). */
    public void createSchema() throws SQLException {
        Migrations.migrate(ds, Migrations.Schema.STATE);
    }

    /** Records an event of this server. */
    public void append(DriftEvent e) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO DRIFT_EVENT (" + EVENT_COLUMNS + ", SERVER) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(e.time()));
            ps.setString(2, e.kind().name());
            ps.setDouble(3, e.kl());
            ps.setDouble(4, e.psi());
            ps.setDouble(5, e.ksStatistic());
            ps.setDouble(6, e.ksPValue());
            ps.setDouble(7, e.windowMean());
            ps.setDouble(8, e.windowStd());
            ps.setInt(9, e.windowSize());
            ps.setString(10, e.modelVersion());
            ps.setString(11, e.tier().name());
            ps.setString(12, server);
            ps.executeUpdate();
        }
    }

    /** This server's events at or after {@code since}, oldest first, at most {@code limit} (the newest). */
    public List<DriftEvent> ownEvents(Instant since, int limit) throws SQLException {
        return query("WHERE EVENT_TIME >= ? AND SERVER = ?", since, limit, server).stream()
                .map(Recorded::event).toList();
    }

    /** Every server's events at or after {@code since}, oldest first, at most {@code limit} (the newest). */
    public List<Recorded> events(Instant since, int limit) throws SQLException {
        return query("WHERE EVENT_TIME >= ?", since, limit, null);
    }

    private List<Recorded> query(String where, Instant since, int limit, String ofServer) throws SQLException {
        List<Recorded> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + EVENT_COLUMNS + ", SERVER FROM DRIFT_EVENT " + where
                        + " ORDER BY ID DESC FETCH FIRST ? ROWS ONLY")) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(since));
            if (ofServer != null) {
                ps.setString(i++, ofServer);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(0, new Recorded(rs.getString(12), new DriftEvent(rs.getTimestamp(1).toInstant(),
                            DriftEvent.Kind.valueOf(rs.getString(2)), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getInt(9), rs.getString(10),
                            Tier.valueOf(rs.getString(11)))));
                }
            }
        }
        return out;
    }

    /** Replaces this server's window snapshot. */
    public void saveState(DriftDetector.Snapshot s, Instant savedAt, Instant lastTrigger) throws SQLException {
        byte[] window = encode(s.windowValues());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE DRIFT_WINDOW SET MODEL_VERSION = ?, DRIFTING = ?, "
                    + "SCORES_SINCE = ?, WINDOW_DATA = ?, SAVED_AT = ?, LAST_TRIGGER = ? WHERE SERVER = ?")) {
                bind(up, s, window, savedAt, lastTrigger);
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement("INSERT INTO DRIFT_WINDOW (MODEL_VERSION, DRIFTING, "
                            + "SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER, SERVER) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        bind(in, s, window, savedAt, lastTrigger);
                        in.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void bind(PreparedStatement ps, DriftDetector.Snapshot s, byte[] window, Instant savedAt,
                      Instant lastTrigger) throws SQLException {
        ps.setString(1, s.modelVersion());
        ps.setShort(2, (short) (s.drifting() ? 1 : 0));
        ps.setLong(3, s.scoresSinceLastEvent());
        ps.setBytes(4, window);
        ps.setTimestamp(5, Timestamp.from(savedAt));
        ps.setTimestamp(6, lastTrigger == null ? null : Timestamp.from(lastTrigger));
        ps.setString(7, server);
    }

    /**
     * This server's window snapshot. When it has none yet and the database holds the window of a
     * single server from before servers were told apart, this server adopts that window and the
     * events that carry no server, in one transaction (so exactly one server adopts them).
     */
    public Optional<State> loadState() throws SQLException {
        try (Connection c = ds.getConnection()) {
            Optional<State> own = load(c);
            if (own.isPresent()) {
                return own;
            }
            c.setAutoCommit(false);
            try (PreparedStatement w = c.prepareStatement("UPDATE DRIFT_WINDOW SET SERVER = ? WHERE SERVER = ?");
                 PreparedStatement e = c.prepareStatement("UPDATE DRIFT_EVENT SET SERVER = ? WHERE SERVER IS NULL")) {
                w.setString(1, server);
                w.setString(2, SINGLE_SERVER);
                if (w.executeUpdate() == 1) {
                    e.setString(1, server);
                    int events = e.executeUpdate();
                    c.commit();
                    LOG.info(() -> "drift state of the single server from before adopted by " + server + " (window and "
                            + events + " events)");
                    return load(c);
                }
                c.rollback();
                return Optional.empty();
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Optional<State> load(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MODEL_VERSION, DRIFTING, SCORES_SINCE, WINDOW_DATA, "
                + "SAVED_AT, LAST_TRIGGER FROM DRIFT_WINDOW WHERE SERVER = ?")) {
            ps.setString(1, server);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                DriftDetector.Snapshot s = new DriftDetector.Snapshot(DriftDetector.Snapshot.FORMAT_VERSION,
                        rs.getString(1), decode(rs.getBytes(4)), rs.getShort(2) == 1, rs.getLong(3));
                Timestamp trig = rs.getTimestamp(6);
                return Optional.of(new State(s, rs.getTimestamp(5).toInstant(),
                        trig == null ? null : trig.toInstant()));
            }
        }
    }

    static byte[] encode(double[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + 8 * values.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SNAPSHOT_FORMAT);
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static double[] decode(byte[] data) throws SQLException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            if (format != SNAPSHOT_FORMAT) {
                throw new SQLException("drift window snapshot has format " + format + "; this build reads "
                        + SNAPSHOT_FORMAT);
            }
            int n = in.readInt();
            if (n < 0 || n > (data.length - 8) / 8) {
                throw new SQLException("drift window snapshot is corrupt: " + n + " values in "
                        + data.length + " bytes");
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.readDouble();
            }
            return v;
        } catch (IOException e) {
            throw new SQLException("drift window snapshot is truncated", e);
        }
    }
}
