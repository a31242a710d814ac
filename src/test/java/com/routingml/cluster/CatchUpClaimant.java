package com.routingml.cluster;

import jakarta.enterprise.concurrent.CronTrigger;
import org.apache.derby.client.BasicClientDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One "server" of {@link CatchUpTwoProcessesTest}, run in its own JVM: connects to a Derby Network
 * Server and creates the lock table, prints {@code AT catch-up}, waits for a {@code GO} line on
 * standard input (the test sends it to every process at once, as servers starting together reach
 * the check together), then makes the start-up catch-up check of the monthly schedule and prints
 * {@code RUN <period>} or {@code SKIP <period>: <why>}.
 *
 * <p>Arguments: port, database name, owner, the active model's training time (ISO-8601).
 */
public final class CatchUpClaimant {

    private CatchUpClaimant() {
    }

    public static void main(String[] args) throws Exception {
        BasicClientDataSource ds = new BasicClientDataSource();
        ds.setServerName("localhost");
        ds.setPortNumber(Integer.parseInt(args[0]));
        ds.setDatabaseName(args[1]);
        String owner = args[2];
        Instant modelTrained = Instant.parse(args[3]);
        ScheduleLock lock = new ScheduleLock(ds);
        lock.ensureSchema();
        CronTrigger monthly = new CronTrigger("0 0 2 1 * *", ZoneId.of("Europe/Berlin"));
        System.out.println("AT catch-up");
        System.out.flush();
        if (!"GO".equals(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
            throw new IllegalStateException("expected GO");
        }
        CatchUp.Decision d = new CatchUp(lock, owner).decide("monthly-retrain", monthly, Instant.now(), modelTrained);
        System.out.println(d.run() ? "RUN " + d.period() : "SKIP " + d.period() + ": " + d.why());
        System.out.println("DONE " + owner);
    }
}
