package com.routingml.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The batch job repository ({@code jdbc/routingml-batch}, embedded Derby or the shared PostgreSQL)
 * answers a connection validity check. Runs on the background refresher only. Predictions do not
 * need it, so a down repository degrades the service rather than making it unhealthy; readiness
 * still reports it, because a node that cannot record or restart the monthly job should not take
 * traffic unnoticed.
 */
@ApplicationScoped
public class JobRepositoryCheck implements DependencyCheck {

    @Resource(lookup = "jdbc/routingml-batch")
    DataSource repository;

    @Override
    public String name() {
        return "batch_job_repository";
    }

    @Override
    public boolean degradesOnly() {
        return true;
    }

    @Override
    public DependencyState check() {
        return probe(repository, "jdbc/routingml-batch", "job repository");
    }

    /** Takes a connection from {@code ds} and asks the driver whether it is valid (2 s at most). */
    static DependencyState probe(DataSource ds, String jndiName, String what) {
        Map<String, Object> where = Map.of("data_source", jndiName);
        try (Connection c = ds.getConnection()) {
            return c.isValid(2)
                    ? DependencyState.up(what + " reachable (" + c.getMetaData().getDatabaseProductName() + ")", where)
                    : DependencyState.down(what + " connection is not valid", where);
        } catch (SQLException | RuntimeException e) {
            return DependencyState.down(what + " unreachable: " + e.getMessage(), where);
        }
    }
}
