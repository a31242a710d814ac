package com.routingml.cluster;

import org.apache.derby.jdbc.EmbeddedDataSource;

import java.sql.SQLException;

/**
 * An embedded Derby database for schedule-lock tests: a fresh data source per claimant, as each server has its own
 * pool.
 */
final class EmbeddedLockDatabase {

    private EmbeddedLockDatabase() {
    }

    static EmbeddedDataSource dataSource(String db) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(db);
        ds.setCreateDatabase("create");
        return ds;
    }

    static void shutdown(String db) {
        EmbeddedDataSource shut = new EmbeddedDataSource();
        shut.setDatabaseName(db);
        shut.setShutdownDatabase("shutdown");
        try {
            shut.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception.
        }
    }
}
