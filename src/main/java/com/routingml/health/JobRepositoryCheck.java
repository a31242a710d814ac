package com.routingml.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The batch job repository (Derby behind {@code jdbc/routingml-batch}) answers a connection
 * validity check. Runs on the background refresher only. Predictions do not need it, so a down
 * repository degrades the service rather than making it unhealthy; readiness still reports it,
 * because a node that cannot record or restart the monthly job should not take traffic unnoticed.
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
        try (Connection c = repository.getConnection()) {
            return c.isValid(2) ? DependencyState.up("job repository reachable (" + c.getMetaData().getDatabaseProductName() + ")", java.util.Map.of("data_source", "jdbc/routingml-batch"))
                    : DependencyState.down("job repository connection is not valid", java.util.Map.of("data_source", "jdbc/routingml-batch"));
        } catch (SQLException | RuntimeException e) {
            return DependencyState.down("job repository unreachable: " + e.getMessage(), java.util.Map.of("data_source", "jdbc/routingml-batch"));
        }
    }
}
