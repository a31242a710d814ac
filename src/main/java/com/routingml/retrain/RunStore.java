package com.routingml.retrain;

import com.routingml.cluster.ClusterMember;
import com.routingml.storage.Migrations;
import com.routingml.storage.StorageSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Run states of retraining job instances, one row each in the application's database
 * ({@code jdbc/routingml}, table {@code RETRAIN_RUN}, the state as JSON). Every server that shares
 * the database and the job repository sees the same states, so a run can be restarted on any of
 * them. Each write is committed when the call returns; {@link #update} is a read-modify-write under
 * the row's lock. {@code REVISION} counts the writes, {@code UPDATED_BY} names the last writer.
 *
 * <p>Run states kept as JSON files under {@code <routingml.data.dir>/retrain/runs/} by earlier
 * versions are imported on first use (the directory is then renamed {@code runs.imported}, and the
 * files are kept there).
 */
@ApplicationScoped
public class RunStore {

    private static final Logger LOG = Logger.getLogger(RunStore.class.getName());
    private static final int MAX_ATTEMPTS = 10;

    @Resource(lookup = "jdbc/routingml")
    DataSource ds;

    @Inject
    ClusterMember member;

    @Inject
    StorageSettings storage;

    private final Jsonb jsonb = JsonbBuilder.create();
    private String server;
    private Path legacyFiles;
    private volatile boolean ready;

    /** For tests and tools outside CDI: the store in {@code ds}, written as {@code server}. */
    public static RunStore on(DataSource ds, String server, Path legacyFiles) {
        RunStore s = new RunStore();
        s.ds = ds;
        s.server = server;
        s.legacyFiles = legacyFiles;
        return s;
    }

    /** The stored state of an instance, if it has started. */
    public Optional<RunState> find(long instanceId) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT STATE FROM RETRAIN_RUN WHERE INSTANCE_ID = ?")) {
            ps.setLong(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parse(instanceId, rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", instanceId, e);
        }
    }

    /** The state of an instance that has started. */
    public RunState get(long instanceId) {
        return find(instanceId).orElseThrow(() -> missing(instanceId));
    }

    /** Stores {@code s}, replacing what was stored for its instance. */
    public void save(RunState s) {
        String json = jsonb.toJson(s);
        try (Connection c = connection()) {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement up = c.prepareStatement("UPDATE RETRAIN_RUN SET STATE = ?, "
                        + "REVISION = REVISION + 1, UPDATED_AT = ?, UPDATED_BY = ? WHERE INSTANCE_ID = ?")) {
                    up.setString(1, json);
                    up.setTimestamp(2, Timestamp.from(Instant.now()));
                    up.setString(3, writer());
                    up.setLong(4, s.instanceId);
                    if (up.executeUpdate() == 1 || insert(c, s.instanceId, json)) {
                        return;
                    }
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new SQLException("another writer kept inserting the same instance");
                }
            }
        } catch (SQLException e) {
            throw failure("write", s.instanceId, e);
        }
    }

    /**
     * Applies {@code change} to the stored state and stores the result, in one transaction that
     * holds the row's lock: writers on other servers wait, none of their changes is lost.
     *
     * @return the state as stored
     */
    public RunState update(long instanceId, Consumer<RunState> change) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                // Taking the row's write lock first, portably: a no-op-in-content update.
                try (PreparedStatement lock = c.prepareStatement(
                        "UPDATE RETRAIN_RUN SET REVISION = REVISION + 1 WHERE INSTANCE_ID = ?")) {
                    lock.setLong(1, instanceId);
                    if (lock.executeUpdate() == 0) {
                        throw missing(instanceId);
                    }
                }
                RunState s;
                try (PreparedStatement ps = c.prepareStatement("SELECT STATE FROM RETRAIN_RUN WHERE INSTANCE_ID = ?")) {
                    ps.setLong(1, instanceId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        s = parse(instanceId, rs.getString(1));
                    }
                }
                change.accept(s);
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE RETRAIN_RUN SET STATE = ?, UPDATED_AT = ?, UPDATED_BY = ? WHERE INSTANCE_ID = ?")) {
                    up.setString(1, jsonb.toJson(s));
                    up.setTimestamp(2, Timestamp.from(Instant.now()));
                    up.setString(3, writer());
                    up.setLong(4, instanceId);
                    up.executeUpdate();
                }
                c.commit();
                return s;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("update", instanceId, e);
        }
    }

    /** Inserts a first revision; {@code false} when another writer inserted the instance first. */
    private boolean insert(Connection c, long instanceId, String json) throws SQLException {
        try (PreparedStatement in = c.prepareStatement(
                "INSERT INTO RETRAIN_RUN (INSTANCE_ID, REVISION, STATE, UPDATED_AT, UPDATED_BY) "
                        + "VALUES (?, 1, ?, ?, ?)")) {
            in.setLong(1, instanceId);
            in.setString(2, json);
            in.setTimestamp(3, Timestamp.from(Instant.now()));
            in.setString(4, writer());
            in.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) { // duplicate key: update it instead
                return false;
            }
            throw e;
        }
    }

    private RunState parse(long instanceId, String json) {
        try {
            return jsonb.fromJson(json, RunState.class);
        } catch (JsonbException e) {
            throw new IllegalStateException("corrupt retraining run state of job instance " + instanceId
                    + " in jdbc/routingml: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException missing(long instanceId) {
        return new IllegalStateException("no run state for retraining job instance " + instanceId
                + " in jdbc/routingml");
    }

    private static IllegalStateException failure(String what, long instanceId, SQLException e) {
        return new IllegalStateException("cannot " + what + " the run state of retraining job instance " + instanceId
                + " in jdbc/routingml: " + e.getMessage(), e);
    }

    private String writer() {
        return server != null ? server : member.name();
    }

    /** A connection to migrated tables, with the legacy run files imported. */
    private Connection connection() throws SQLException {
        if (!ready) {
            prepare();
        }
        return ds.getConnection();
    }

    private synchronized void prepare() throws SQLException {
        if (ready) {
            return;
        }
        Migrations.migrate(ds, Migrations.Schema.STATE);
        Path files = legacyFiles != null ? legacyFiles : storage.dataDir().resolve("retrain").resolve("runs");
        if (Files.isDirectory(files)) {
            importFiles(files);
        }
        ready = true;
    }

    /** Imports every run file not in the table yet, then renames the directory so it is read only once. */
    private void importFiles(Path dir) throws SQLException {
        int imported = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "instance-*.json");
             Connection c = ds.getConnection()) {
            for (Path f : files) {
                RunState s = jsonb.fromJson(Files.readString(f, StandardCharsets.UTF_8), RunState.class);
                if (insert(c, s.instanceId, jsonb.toJson(s))) {
                    imported++;
                }
            }
            Path done = dir.resolveSibling(dir.getFileName() + ".imported");
            if (Files.exists(done)) {
                done = dir.resolveSibling(dir.getFileName() + ".imported-" + Instant.now().toEpochMilli());
            }
            Files.move(dir, done);
            Path kept = done;
            int n = imported;
            LOG.info(() -> "imported " + n + " retraining run state file(s) from " + dir
                    + " into jdbc/routingml; the files are kept in " + kept);
        } catch (IOException | JsonbException e) {
            LOG.log(Level.SEVERE, "cannot import the retraining run state files in " + dir + ": " + e.getMessage(), e);
            throw new SQLException("cannot import the retraining run state files in " + dir + ": " + e.getMessage(), e);
        }
    }
}
