package com.routingml.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

/**
 * The application's own database ({@code jdbc/routingml}: drift events and windows, retraining run
 * states) answers a connection validity check. Like the job repository it only degrades the
 * service: predictions go on, but drift events and run states cannot be recorded.
 */
@ApplicationScoped
public class StateDatabaseCheck implements DependencyCheck {

    @Resource(lookup = "jdbc/routingml")
    DataSource state;

    @Override
    public String name() {
        return "state_database";
    }

    @Override
    public boolean degradesOnly() {
        return true;
    }

    @Override
    public DependencyState check() {
        return JobRepositoryCheck.probe(state, "jdbc/routingml", "application database");
    }
}
