package com.routingml.cluster;

import jakarta.enterprise.concurrent.CronTrigger;
import org.apache.derby.client.BasicClientDataSource;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One "server" of {@link ScheduleLockTwoProcessesTest}'s catch-up test, run in its own JVM: waits
 * for a common start instant (both servers coming back at once), then makes the start-up catch-up
 * check of the monthly schedule through a Derby Network Server and prints {@code RUN <period>} or
 * {@code SKIP <period>: <why>}.
 *
 * <p>Arguments: port, database name, owner, start instant, the active model's training time (ISO-8601).
 */
public final class CatchUpClaimant {

    private CatchUpClaimant() {
    }

    public static void main(String[] args) throws Exception {
        BasicClientDataSource ds = ScheduleLockClaimant.client(Integer.parseInt(args[0]), args[1]);
        String owner = args[2];
        Instant start = Instant.parse(args[3]);
        Instant modelTrained = Instant.parse(args[4]);
        ScheduleLock lock = new ScheduleLock(ds);
        lock.ensureSchema();
        CronTrigger monthly = new CronTrigger("0 0 2 1 * *", ZoneId.of("Europe/Berlin"));
        long wait = start.toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        CatchUp.Decision d = new CatchUp(lock, owner).decide("monthly-retrain", monthly, Instant.now(), modelTrained);
        System.out.println((d.run() ? "RUN " + d.period() : "SKIP " + d.period() + ": " + d.why()));
        System.out.println("DONE " + owner);
    }
}
