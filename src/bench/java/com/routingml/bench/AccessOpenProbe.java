package com.routingml.bench;

import com.routingml.access.RoutingValidity;
import com.routingml.retrain.dataset.ExtractRow;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.retrain.dataset.RoutingExtract;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;

/**
 * Times the retraining extract's two slow phases outside the server, for a choice of UCanAccess
 * options: opening the Access file (UCanAccess copies it into its HSQLDB mirror) and the extract
 * query (HSQLDB sorts the whole join before the first row), then reads the rows as the job does.
 * Prints the live heap (after a full GC) once the file is open. One JVM per option set: UCanAccess
 * shares a loaded mirror among connections, so a second open in the same JVM measures nothing.
 *
 * <pre>
 * java -Xmx3g -cp target/bench/benchmarks.jar com.routingml.bench.AccessOpenProbe \
 *      /tmp/bench1m/items-200000.accdb ';memory=false;skipIndexes=true' 1000000
 * </pre>
 */
public final class AccessOpenProbe {

    private AccessOpenProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AccessOpenProbe <file.accdb> <ucanaccess options, e.g. ;memory=false>"
                    + " <max rows>");
            System.exit(2);
        }
        String file = args[0];
        String options = args[1];
        int maxRows = Integer.parseInt(args[2]);
        Class.forName("net.ucanaccess.jdbc.UcanaccessDriver");
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + file + options)) {
            double open = seconds(t0);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long liveMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
            RoutingExtract x = RoutingExtract.discover(c);
            long t1 = System.nanoTime();
            long n = 0;
            double query;
            // the job's default query: the whole catalog in force today, capped at maxRows
            try (PreparedStatement ps = x.query(c, ExtractScope.CATALOG, RoutingValidity.today(), null)) {
                ps.setMaxRows(maxRows);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    query = seconds(t1);
                    long t2 = System.nanoTime();
                    while (rs.next()) {
                        ExtractRow row = x.read(rs);
                        if (row != null) {
                            n++;
                        }
                    }
                    System.out.printf(Locale.ROOT, "%s %s: open %.1f s (live heap after open %d MiB), query %.1f s, "
                                    + "read %d rows %.1f s, GC time %.1f s%n",
                            file, options, open, liveMiB, query, n, seconds(t2), gcSeconds());
                }
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double gcSeconds() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms / 1e3;
    }
}
