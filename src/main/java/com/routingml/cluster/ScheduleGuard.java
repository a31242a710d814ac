package com.routingml.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ZonedTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets a scheduled task run on exactly one of the servers that share the job repository database
 * ({@code jdbc/routingml-batch}): each firing claims its period in {@link ScheduleLock} first.
 * On a single server the claim always succeeds; it costs one insert per firing.
 */
@ApplicationScoped
public class ScheduleGuard {

    private static final Logger LOG = Logger.getLogger(ScheduleGuard.class.getName());

    @Resource(lookup = "jdbc/routingml-batch")
    DataSource db;

    @Inject
    @ConfigProperty(name = "routingml.cluster.schedule-lock", defaultValue = "true")
    boolean enabled;

    @Inject
    ClusterMember member;

    private ScheduleLock lock;
    private String owner;

    @PostConstruct
    void init() {
        lock = new ScheduleLock(db);
        owner = member.name();
    }

    /** This server's name in claims ({@link ClusterMember}). */
    public String member() {
        return owner;
    }

    /**
     * Whether this server runs the schedule's latest period now, as a catch-up ({@link CatchUp}):
     * {@code true} when the period was missed and this server claimed it. {@code false} when it was
     * not missed, another server has it, the lock is disabled (nothing records which periods ran) or
     * the lock database failed (logged).
     *
     * @param since when the schedule last produced what it is for (the active model's training time),
     *              {@code null} when nothing yet
     */
    public boolean claimMissed(String schedule, ZonedTrigger trigger, Instant since) {
        if (!enabled) {
            LOG.info(() -> "no catch-up of scheduled " + schedule
                    + ": routingml.cluster.schedule-lock=false, so no record says"
                    + " which periods ran");
            return false;
        }
        try {
            CatchUp.Decision d = new CatchUp(lock, owner).decide(schedule, trigger, Instant.now(), since);
            LOG.info(() -> (d.run() ? "catch-up of scheduled " : "no catch-up of scheduled ") + schedule + ": "
                    + d.why());
            return d.run();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "no catch-up of scheduled " + schedule
                    + ": the schedule lock in jdbc/routingml-batch failed ("
                    + e.getMessage() + ")", e);
            return false;
        }
    }

    /**
     * Whether this server runs the current firing of a schedule: {@code true} when it claimed the
     * period (or the lock is disabled), {@code false} when another server claimed it or the lock
     * database failed (logged; running without knowing could run twice).
     *
     * @param schedule the schedule's name, e.g. the job name
     * @param trigger  the schedule, to find the nominal time of this firing
     */
    public boolean claim(String schedule, ZonedTrigger trigger) {
        if (!enabled) {
            return true;
        }
        String period;
        try {
            period = SchedulePeriods.period(trigger, Instant.now());
        } catch (IllegalStateException e) {
            LOG.log(Level.SEVERE, "scheduled " + schedule + " not started: " + e.getMessage(), e);
            return false;
        }
        try {
            if (lock.tryClaim(schedule, period, owner)) {
                LOG.info(() -> "scheduled " + schedule + " for " + period + " claimed by " + owner);
                return true;
            }
            String holder = lock.find(schedule, period).map(c -> c.owner() + " at " + c.acquiredAt())
                    .orElse("another server");
            LOG.info(() -> "scheduled " + schedule + " for " + period + " skipped here (" + owner
                    + "): claimed by " + holder);
            return false;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "scheduled " + schedule + " for " + period + " not started: the schedule lock in "
                    + "jdbc/routingml-batch failed (" + e.getMessage() + ")", e);
            return false;
        }
    }
}
