package com.routingml.cluster;

import com.routingml.storage.Migrations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Exactly-once claims of a scheduled run across servers sharing one database: a row per (name,
 * period) in {@code SCHEDULE_LOCK}, written by a plain {@code INSERT}. The primary key makes a
 * second insert of the same name and period fail in any SQL database, so of several servers
 * firing the same schedule exactly one wins the period; the others see a duplicate key and skip.
 *
 * <p>Rows are never updated or deleted: they are also the record of who ran which period. A
 * period that was claimed stays claimed even if its run fails; recovering it is a restart of the
 * job, not a second scheduled start.
 *
 * <p>Plain JDBC, each call auto-committed; the table is created or migrated on first use.
 */
public final class ScheduleLock {

    static final String TABLE = "SCHEDULE_LOCK";
    static final int MAX_NAME = 100;
    static final int MAX_PERIOD = 64;
    static final int MAX_OWNER = 200;

    private final DataSource ds;
    private final Clock clock;
    private volatile boolean schemaReady;

    /** A claim as recorded. */
    public record Claim(String name, String period, String owner, Instant acquiredAt) {
    }

    public ScheduleLock(DataSource ds) {
        this(ds, Clock.systemUTC());
    }

    ScheduleLock(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /**
     * Claims one period of a schedule.
     *
     * @param name   the schedule, e.g. {@code monthly-retrain}
     * @param period the nominal run this claim is for, the same text on every server (e.g. the
     *               scheduled time {@code 2026-12-01T02:00+01:00[Europe/Berlin]})
     * @param owner  who claims, for the record (host, process, server)
     * @return {@code true} when this call won the period, {@code false} when it was claimed before
     * @throws SQLException when the database cannot be reached or written (the caller must then not
     *                      run: it cannot know whether another server did)
     * @throws IllegalArgumentException for a blank or over-long name, period or owner
     */
    public boolean tryClaim(String name, String period, String owner) throws SQLException {
        check("name", name, MAX_NAME);
        check("period", period, MAX_PERIOD);
        check("owner", owner, MAX_OWNER);
        ensureSchema();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + TABLE + " (NAME, PERIOD, OWNER, ACQUIRED_AT) VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(true);
            ps.setString(1, name);
            ps.setString(2, period);
            ps.setString(3, owner);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The claim of a period, if any. */
    public Optional<Claim> find(String name, String period) throws SQLException {
        ensureSchema();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT OWNER, ACQUIRED_AT FROM " + TABLE + " WHERE NAME = ? AND PERIOD = ?")) {
            ps.setString(1, name);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(name, period, rs.getString(1), rs.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /**
     * Creates or migrates the table ({@link Migrations.Schema#CLUSTER}); safe when several servers
     * start at once, and a no-op after the first call in a JVM.
     */
    public void ensureSchema() throws SQLException {
        if (schemaReady) {
            return;
        }
        Migrations.migrate(ds, Migrations.Schema.CLUSTER);
        schemaReady = true;
    }

    /** SQLSTATE class 23 (integrity constraint violation): 23505 in Derby, PostgreSQL, DB2; 23000 in MySQL, Oracle. */
    static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof SQLIntegrityConstraintViolationException
                    || (x.getSQLState() != null && x.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static void check(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("schedule lock " + what + " must be 1 to " + max + " characters, was "
                    + (value == null ? "null" : "'" + value + "' (" + value.length() + ")"));
        }
    }
}
