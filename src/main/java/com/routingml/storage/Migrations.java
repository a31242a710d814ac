package com.routingml.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Creates and migrates the application's tables with Flyway: versioned SQL scripts under
 * {@code db/<schema>/<vendor>/} (one directory per supported database, the same versions in each),
 * recorded in a history table per schema. Safe when several servers start at once: Flyway locks
 * the history while it migrates (an advisory lock on PostgreSQL). Each directory holds an empty
 * {@code flyway.location} file: Liberty's class loader finds resources, not directories, and
 * Flyway scans the directory of that file; {@code db/callback}, where Flyway always looks for Java
 * callbacks, has one too and nothing else.
 *
 * <p>A database whose tables predate migrations (created by the earlier hand-written DDL, which
 * version 1 reproduces) is baselined at version 1, so only the later versions run on it. A
 * database that holds other tables only (Liberty's job repository, sharing the database) is
 * baselined at version 0, so every version runs.
 */
public final class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    /** Databases (schema, URL and user) already migrated by this JVM: data sources of one database share it. */
    private static final Set<String> DONE = new HashSet<>();

    /** A set of tables that is migrated as one, with its own history. */
    public enum Schema {
        /** {@code jdbc/routingml}: drift events and windows, retraining run states. */
        STATE("state", "routingml_state_history", "DRIFT_EVENT"),
        /** {@code jdbc/routingml-batch}, beside the job repository: the schedule lock. */
        CLUSTER("cluster", "routingml_cluster_history", "SCHEDULE_LOCK");

        private final String directory;
        private final String historyTable;
        private final String legacyTable;

        Schema(String directory, String historyTable, String legacyTable) {
            this.directory = directory;
            this.historyTable = historyTable;
            this.legacyTable = legacyTable;
        }

        /** The Flyway history table of this schema. */
        public String historyTable() {
            return historyTable;
        }
    }

    /** A database the migrations exist for. */
    enum Vendor {
        DERBY("derby"), POSTGRESQL("postgresql");

        final String directory;

        Vendor(String directory) {
            this.directory = directory;
        }

        static Vendor of(String productName) throws SQLException {
            String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
            if (p.contains("derby")) {
                return DERBY;
            }
            if (p.contains("postgresql")) {
                return POSTGRESQL;
            }
            throw new SQLException("the application's tables exist for Apache Derby and PostgreSQL only; "
                    + "this data source is " + productName);
        }
    }

    private Migrations() {
    }

    /**
     * Brings {@code schema}'s tables in {@code ds} to the newest version, once per database and JVM
     * (later calls only look up the connection's URL).
     *
     * @throws SQLException when the database cannot be reached, is of an unsupported kind, or a
     *                      migration fails (the message names the schema and the failing version)
     */
    public static void migrate(DataSource ds, Schema schema) throws SQLException {
        synchronized (Migrations.class) {
            Vendor vendor;
            boolean legacy;
            String key;
            try (Connection c = ds.getConnection()) {
                DatabaseMetaData md = c.getMetaData();
                key = schema + " " + md.getURL() + " " + md.getUserName();
                if (DONE.contains(key)) {
                    return;
                }
                vendor = Vendor.of(md.getDatabaseProductName());
                legacy = !tableExists(c, schema.historyTable) && tableExists(c, schema.legacyTable);
            }
            String location = "classpath:db/" + schema.directory + "/" + vendor.directory;
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(ds)
                    // JUL like the rest of the application, not whichever logging API the shared library holds
                    .loggers(JavaUtilLogCreator.class.getName())
                    .locations(location)
                    .table(schema.historyTable)
                    .baselineOnMigrate(true)
                    .baselineVersion(legacy ? "1" : "0")
                    .baselineDescription(legacy ? "tables created before migrations"
                            : "database shared with other tables")
                    .failOnMissingLocations(true)
                    .load();
            try {
                MigrateResult r = flyway.migrate();
                LOG.info(() -> schema + " tables on " + vendor
                        + (legacy ? " (created before migrations, baselined at version 1)" : "") + ": "
                        + r.migrationsExecuted + " migration(s) applied, now at version "
                        + (r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion));
            } catch (FlywayException e) {
                throw new SQLException("cannot migrate the " + schema + " tables on " + vendor + ": " + e.getMessage(),
                        e);
            }
            DONE.add(key);
        }
    }

    /** Whether a table exists in the connection's schema, under its name as given or folded to lower case. */
    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String current = c.getSchema();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, current, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
