package com.routingml.storage;

import org.apache.derby.jdbc.EmbeddedDataSource;

import java.nio.file.Path;
import java.sql.SQLException;

/** Embedded Derby databases for tests of the code that stores state in a database. */
public final class EmbeddedDerby {

    private EmbeddedDerby() {
    }

    /** A new data source (as each server has its own pool) on the database at {@code dir}, created on first use. */
    public static EmbeddedDataSource at(Path dir) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    /** Shuts the database at {@code dir} down, so that its directory can be deleted. */
    public static void shutdown(Path dir) {
        EmbeddedDataSource shut = new EmbeddedDataSource();
        shut.setDatabaseName(dir.toString());
        shut.setShutdownDatabase("shutdown");
        try {
            shut.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception.
        }
    }
}
