package com.routingml.api;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class UnexpectedExceptionMapperTest {

    @Test
    void aConnectionFailureAnywhereAmongTheCausesIsAnUnavailableDatabase() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        assertSame(refused, UnexpectedExceptionMapper.unreachableDatabase(new IllegalStateException("outer",
                new RuntimeException("persistence", refused))));
        SQLException shuttingDown = new SQLException("the database system is shutting down", "57P03");
        assertSame(shuttingDown, UnexpectedExceptionMapper.unreachableDatabase(shuttingDown));
        SQLNonTransientConnectionException derby = new SQLNonTransientConnectionException("no connection");
        assertSame(derby, UnexpectedExceptionMapper.unreachableDatabase(derby));
    }

    @Test
    void otherDatabaseErrorsAndDefectsAreNot() {
        assertNull(UnexpectedExceptionMapper.unreachableDatabase(new SQLException("duplicate key", "23505")));
        assertNull(UnexpectedExceptionMapper.unreachableDatabase(new SQLException("no state")));
        assertNull(UnexpectedExceptionMapper.unreachableDatabase(new NullPointerException()));
    }
}
