package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One "server" of {@link ScheduleLockTwoProcessesTest}, run in its own JVM: connects to a Derby
 * Network Server, prints {@code READY}, reads a common start instant (ISO-8601) from standard
 * input, then claims periods {@code 0 … n-1} of one schedule, one every {@link #TICK_MILLIS} ms
 * from the start, and prints {@code WON <period>} for each it wins.
 *
 * <p>Arguments: port, database name, owner, number of periods.
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
        ScheduleLock lock = new ScheduleLock(ds);
        lock.ensureSchema();
        System.out.println("READY");
        System.out.flush();
        Instant start = Instant.parse(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine().trim());
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
