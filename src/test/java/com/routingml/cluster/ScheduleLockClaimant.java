package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;

import java.time.Instant;

/**
 * One "server" of {@link ScheduleLockTwoProcessesTest}, run in its own JVM: waits for a common
 * start instant, then claims periods {@code 0 … n-1} of one schedule through a Derby Network
 * Server, one every {@link #TICK_MILLIS} ms from the start, and prints {@code WON <period>} for each it wins.
 *
 * <p>Arguments: port, database name, owner, number of periods, start instant (ISO-8601).
 */
public final class ScheduleLockClaimant {

    /** One period every 25 ms: a schedule firing on both servers at once. */
    static final long TICK_MILLIS = 25;

    private ScheduleLockClaimant() {
    }

    /** A client of the shared lock database on the loopback Derby Network Server. */
    static BasicClientDataSource client(int port, String db) {
        BasicClientDataSource ds = new BasicClientDataSource();
        ds.setServerName("localhost");
        ds.setPortNumber(port);
        ds.setDatabaseName(db);
        return ds;
    }

    public static void main(String[] args) throws Exception {
        BasicClientDataSource ds = client(Integer.parseInt(args[0]), args[1]);
        String owner = args[2];
        int periods = Integer.parseInt(args[3]);
        Instant start = Instant.parse(args[4]);
        ScheduleLock lock = new ScheduleLock(ds);
        lock.ensureSchema();
        for (int i = 0; i < periods; i++) {
            long wait = start.toEpochMilli() + i * TICK_MILLIS - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait); // both processes "fire" period i at the same moment, as servers on one schedule do
            }
            String period = "period-" + i;
            if (lock.tryClaim("two-process-demo", period, owner)) {
                System.out.println("WON " + period);
            }
        }
        System.out.println("DONE " + owner);
    }
}
