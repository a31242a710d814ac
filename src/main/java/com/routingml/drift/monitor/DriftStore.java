package com.routingml.drift.monitor;

import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.Tier;
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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Durable drift state in the application's embedded database: one row per event (never updated
 * or deleted) and one row holding the latest window snapshot and the retrain-trigger state.
 *
 * <p>Plain JDBC on a {@link DataSource}; each call is its own auto-committed transaction, so an
 * event is on disk when {@link #append} returns.
 */
public final class DriftStore {

    /** Format of the window snapshot bytes. */
    static final int SNAPSHOT_FORMAT = 1;

    private final DataSource ds;

    public DriftStore(DataSource ds) {
        this.ds = ds;
    }

    /** Persisted detector state beside the events. */
    public record State(DriftDetector.Snapshot snapshot, Instant savedAt, Instant lastRetrainTrigger) {
    }

    /** Creates the tables if they do not exist. */
    public void createSchema() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            createIfAbsent(st, "CREATE TABLE DRIFT_EVENT (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "EVENT_TIME TIMESTAMP NOT NULL, KIND VARCHAR(20) NOT NULL, KL DOUBLE, PSI DOUBLE, KS_STAT DOUBLE, "
                    + "KS_P DOUBLE, WINDOW_MEAN DOUBLE, WINDOW_STD DOUBLE, WINDOW_SIZE INT, MODEL_VERSION VARCHAR(100) NOT NULL, "
                    + "TIER VARCHAR(10) NOT NULL)");
            createIfAbsent(st, "CREATE INDEX DRIFT_EVENT_TIME ON DRIFT_EVENT (EVENT_TIME)");
            createIfAbsent(st, "CREATE TABLE DRIFT_STATE (ID INT PRIMARY KEY, MODEL_VERSION VARCHAR(100) NOT NULL, "
                    + "DRIFTING SMALLINT NOT NULL, SCORES_SINCE BIGINT NOT NULL, WINDOW_DATA BLOB(1M) NOT NULL, "
                    + "SAVED_AT TIMESTAMP NOT NULL, LAST_TRIGGER TIMESTAMP)");
        }
    }

    private static void createIfAbsent(Statement st, String ddl) throws SQLException {
        try {
            st.executeUpdate(ddl);
        } catch (SQLException e) {
            if (!"X0Y32".equals(e.getSQLState()) && !"42Y55".equals(e.getSQLState())) { // already exists
                throw e;
            }
        }
    }

    public void append(DriftEvent e) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO DRIFT_EVENT (EVENT_TIME, KIND, KL, PSI, KS_STAT, KS_P, WINDOW_MEAN, WINDOW_STD, WINDOW_SIZE, "
                        + "MODEL_VERSION, TIER) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.executeUpdate();
        }
    }

    /** Events at or after {@code since}, oldest first, at most {@code limit}. */
    public List<DriftEvent> events(Instant since, int limit) throws SQLException {
        List<DriftEvent> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT EVENT_TIME, KIND, KL, PSI, KS_STAT, KS_P, WINDOW_MEAN, WINDOW_STD, WINDOW_SIZE, MODEL_VERSION, TIER "
                        + "FROM DRIFT_EVENT WHERE EVENT_TIME >= ? ORDER BY ID DESC FETCH FIRST ? ROWS ONLY")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(0, new DriftEvent(rs.getTimestamp(1).toInstant(), DriftEvent.Kind.valueOf(rs.getString(2)),
                            rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                            rs.getDouble(8), rs.getInt(9), rs.getString(10), Tier.valueOf(rs.getString(11))));
                }
            }
        }
        return out;
    }

    public void saveState(DriftDetector.Snapshot s, Instant savedAt, Instant lastTrigger) throws SQLException {
        byte[] window = encode(s.windowValues());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement("UPDATE DRIFT_STATE SET MODEL_VERSION = ?, DRIFTING = ?, "
                    + "SCORES_SINCE = ?, WINDOW_DATA = ?, SAVED_AT = ?, LAST_TRIGGER = ? WHERE ID = 1")) {
                bind(up, s, window, savedAt, lastTrigger);
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement("INSERT INTO DRIFT_STATE (MODEL_VERSION, DRIFTING, "
                            + "SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER, ID) VALUES (?, ?, ?, ?, ?, ?, 1)")) {
                        bind(in, s, window, savedAt, lastTrigger);
                        in.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement ps, DriftDetector.Snapshot s, byte[] window, Instant savedAt, Instant lastTrigger)
            throws SQLException {
        ps.setString(1, s.modelVersion());
        ps.setShort(2, (short) (s.drifting() ? 1 : 0));
        ps.setLong(3, s.scoresSinceLastEvent());
        ps.setBytes(4, window);
        ps.setTimestamp(5, Timestamp.from(savedAt));
        ps.setTimestamp(6, lastTrigger == null ? null : Timestamp.from(lastTrigger));
    }

    public Optional<State> loadState() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MODEL_VERSION, DRIFTING, SCORES_SINCE, WINDOW_DATA, SAVED_AT, LAST_TRIGGER "
                     + "FROM DRIFT_STATE WHERE ID = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            DriftDetector.Snapshot s = new DriftDetector.Snapshot(DriftDetector.Snapshot.FORMAT_VERSION, rs.getString(1),
                    decode(rs.getBytes(4)), rs.getShort(2) == 1, rs.getLong(3));
            Timestamp trig = rs.getTimestamp(6);
            return Optional.of(new State(s, rs.getTimestamp(5).toInstant(), trig == null ? null : trig.toInstant()));
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
                throw new SQLException("drift window snapshot has format " + format + "; this build reads " + SNAPSHOT_FORMAT);
            }
            int n = in.readInt();
            if (n < 0 || n > (data.length - 8) / 8) {
                throw new SQLException("drift window snapshot is corrupt: " + n + " values in " + data.length + " bytes");
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
