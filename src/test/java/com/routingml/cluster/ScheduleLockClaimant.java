package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One "server" of {@link ScheduleLockTwoProcessesTest}, run in its own JVM: connects to a Derby
 * Network Server and creates the lock table, then claims periods {@code 0 … n-1} of one schedule.
 * Before each period it prints {@code AT <period>} and waits for a {@code GO} line on standard
 * input, which the test sends to both processes at once, as a schedule fires on every server at
 * the same moment; it then prints {@code WON <period>} or {@code LOST <period>}.
 *
 * <p>Arguments: port, database name, owner, number of periods.
 */
public final class ScheduleLockClaimant {

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
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int i = 0; i < periods; i++) {
            String period = "period-" + i;
            System.out.println("AT " + period);
            System.out.flush();
            if (!"GO".equals(in.readLine())) {
                throw new IllegalStateException("expected GO before " + period);
            }
            System.out.println((lock.tryClaim("two-process-demo", period, owner) ? "WON " : "LOST ") + period);
            System.out.flush();
        }
        System.out.println("DONE " + owner);
    }
}
