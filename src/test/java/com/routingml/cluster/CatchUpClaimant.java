package com.routingml.cluster;

import jakarta.enterprise.concurrent.CronTrigger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One "server" of {@link ScheduleLockTwoProcessesTest}'s catch-up test, run in its own JVM:
 * connects to the Derby Network Server, prints {@code READY}, reads a common start instant from
 * standard input (both servers coming back at once), then makes the start-up catch-up check of the
 * monthly schedule and prints {@code RUN <period>} or {@code SKIP <period>: <why>}.
 *
 * <p>Arguments: port, database name, owner, the active model's training time (ISO-8601).
 */
public final class CatchUpClaimant {

    private CatchUpClaimant() {
    }

    public static void main(String[] args) throws Exception {
        ScheduleLock lock = new ScheduleLock(ScheduleLockClaimant.client(Integer.parseInt(args[0]), args[1]));
        String owner = args[2];
        Instant modelTrained = Instant.parse(args[3]);
        lock.ensureSchema();
        CronTrigger monthly = new CronTrigger("0 0 2 1 * *", ZoneId.of("Europe/Berlin"));
        System.out.println("READY");
        System.out.flush();
        Instant start = Instant.parse(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine().trim());
        long wait = start.toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait); // both processes check at the same moment, as servers starting together do
        }
        CatchUp.Decision d = new CatchUp(lock, owner).decide("monthly-retrain", monthly, Instant.now(), modelTrained);
        System.out.println(d.run() ? "RUN " + d.period() : "SKIP " + d.period() + ": " + d.why());
        System.out.println("DONE " + owner);
    }
}
