package com.routingml.storage;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migrations on real embedded Derby databases: empty, shared with other tables, created before migrations. */
class MigrationsTest {

    @TempDir
    Path dir;

    private EmbeddedDataSource database(String name) {
        return EmbeddedDerby.at(dir.resolve(name));
    }

    @Test
    void anEmptyDatabaseGetsEveryVersionAndAHistoryPerSchema() throws SQLException {
        EmbeddedDataSource ds = database("empty");
        Migrations.migrate(ds, Migrations.Schema.STATE);
        Migrations.migrate(ds, Migrations.Schema.CLUSTER);
        Migrations.migrate(ds, Migrations.Schema.STATE); // once per JVM: no second run
        try (Connection c = ds.getConnection()) {
            for (String t : List.of("DRIFT_EVENT", "DRIFT_WINDOW", "RETRAIN_RUN", "SCHEDULE_LOCK")) {
                assertTrue(Migrations.tableExists(c, t), t);
            }
            assertFalse(Migrations.tableExists(c, "DRIFT_STATE"), "version 2 replaces it");
            assertEquals(List.of("1", "2"), versions(c, Migrations.Schema.STATE));
            assertEquals(List.of("0", "1"), versions(c, Migrations.Schema.CLUSTER),
                    "the state tables were there: baseline 0");
        }
    }

    @Test
    void aDatabaseSharedWithTheJobRepositoryIsBaselinedBelowTheFirstVersion() throws SQLException {
        EmbeddedDataSource ds = database("shared");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // stands for Liberty's batch tables
            st.executeUpdate("CREATE TABLE WLP_JOB_INSTANCE (ID BIGINT PRIMARY KEY)");
        }
        Migrations.migrate(ds, Migrations.Schema.CLUSTER);
        try (Connection c = ds.getConnection()) {
            assertTrue(Migrations.tableExists(c, "SCHEDULE_LOCK"));
            assertEquals(List.of("0", "1"), versions(c, Migrations.Schema.CLUSTER));
        }
    }

    @Test
    void aScheduleLockFromBeforeMigrationsIsKeptWithItsClaims() throws SQLException {
        EmbeddedDataSource ds = database("legacy");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            // as ScheduleLock created it before migrations existed
            st.executeUpdate("CREATE TABLE SCHEDULE_LOCK (NAME VARCHAR(100) NOT NULL, PERIOD VARCHAR(64) NOT NULL, "
                    + "OWNER VARCHAR(200) NOT NULL, ACQUIRED_AT TIMESTAMP NOT NULL, PRIMARY KEY (NAME, PERIOD))");
            st.executeUpdate("INSERT INTO SCHEDULE_LOCK VALUES ('monthly-retrain', '2026-11-01T01:00:00Z', 'old', "
                    + "CURRENT_TIMESTAMP)");
        }
        Migrations.migrate(ds, Migrations.Schema.CLUSTER);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT OWNER FROM SCHEDULE_LOCK")) {
            assertTrue(rs.next());
            assertEquals("old", rs.getString(1));
            assertEquals(List.of("1"), versions(c, Migrations.Schema.CLUSTER),
                    "baselined at 1: version 1 not run again");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAnSqlExceptionNamingIt() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("missing").toString()); // no create=true
        assertThrows(SQLException.class, () -> Migrations.migrate(ds, Migrations.Schema.STATE));
    }

    private static List<String> versions(Connection c, Migrations.Schema schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"version\" FROM \""
                + schema.historyTable() + "\" WHERE \"success\" = TRUE ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
