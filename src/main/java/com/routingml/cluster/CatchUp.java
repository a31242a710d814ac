package com.routingml.cluster;

import jakarta.enterprise.concurrent.ZonedTrigger;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Catch-up of a schedule's missed period: when no server ran the latest period at its time (all
 * were down), the first server up afterwards runs it, once. "Missed" means: the latest period
 * ({@link SchedulePeriods}) has no claim in {@link ScheduleLock}, and what the period would have
 * produced is not there either - the caller's {@code since} (for retraining: when the active model
 * was trained) is before the period. The run is claimed like a scheduled firing, so of several
 * servers starting together exactly one runs it; a period that was claimed (run, failed or being
 * run) is never caught up, and only the latest period is, however many were missed.
 *
 * <p>Plain Java over the lock; {@link ScheduleGuard} is its server-side caller.
 */
public final class CatchUp {

    /** Suffix of the owner recorded for a catch-up claim, so the table tells it from an on-time run. */
    public static final String MARK = " (catch-up)";

    private final ScheduleLock lock;
    private final String owner;

    /** What the check found. */
    public record Decision(String period, boolean run, String why) {
    }

    public CatchUp(ScheduleLock lock, String owner) {
        this.lock = lock;
        this.owner = owner;
    }

    /**
     * Decides, and claims the period when it is to run here.
     *
     * @param schedule the schedule's name (as in its claims)
     * @param trigger  the schedule
     * @param now      the current time
     * @param since    when the latest product of the schedule was made (e.g. the active model's
     *                 training time); {@code null} when there is none yet, which is not a miss
     *                 (the first start makes one)
     * @throws SQLException when the lock database fails (then nothing may run: another server may have)
     * @throws IllegalStateException when the trigger had no period in the last 800 days
     */
    public Decision decide(String schedule, ZonedTrigger trigger, Instant now, Instant since) throws SQLException {
        // The latest period whose time has come: not one a few seconds ahead, which its own tick will run.
        String period = SchedulePeriods.period(trigger, now.minus(SchedulePeriods.EARLY));
        Instant nominal = Instant.parse(period);
        if (since == null) {
            return new Decision(period, false, "nothing was produced yet; the first start does that");
        }
        if (!since.isBefore(nominal)) {
            return new Decision(period, false, "the latest product (" + since + ") is not older than the period "
                    + period);
        }
        var claimed = lock.find(schedule, period);
        if (claimed.isPresent()) {
            return new Decision(period, false, "period " + period + " was claimed by " + claimed.get().owner() + " at "
                    + claimed.get().acquiredAt());
        }
        if (lock.tryClaim(schedule, period, owner + MARK)) {
            return new Decision(period, true, "period " + period + " was missed (no claim, latest product " + since
                    + "): caught up here by " + owner);
        }
        String holder = lock.find(schedule, period).map(c -> c.owner() + " at "
                + c.acquiredAt()).orElse("another server");
        return new Decision(period, false, "period " + period + " was claimed a moment ago by " + holder);
    }
}
