package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVM processes (two "servers") claim the same 120 periods through one Derby Network Server.
 * Each period is a barrier: the test waits until both processes are at it, then lets both go at
 * once (in a random order), as a schedule fires on every server at the same moment. Every period
 * is won exactly once, the table records its winner, and both processes win periods (they really
 * race: neither merely finds every period taken).
 */
class ScheduleLockTwoProcessesTest {

    private static final int PERIODS = 120;

    @TempDir
    Path dir;

    @Test
    void twoProcessesNeverWinTheSamePeriod() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String db = dir.resolve("lockdb").toString();
        NetworkServerControl server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        try {
            awaitPing(server);
            BasicClientDataSource create = new BasicClientDataSource();
            create.setServerName("localhost");
            create.setPortNumber(port);
            create.setDatabaseName(db);
            create.setConnectionAttributes("create=true");
            create.getConnection().close();

            Process a = claimant(port, db, "server-a");
            Process b = claimant(port, db, "server-b");
            Set<String> wonByA = new HashSet<>();
            Set<String> wonByB = new HashSet<>();
            race(List.of(new Claimant(a, "server-a", wonByA), new Claimant(b, "server-b", wonByB)));

            java.util.logging.Logger.getLogger(getClass().getName()).info(() -> "server-a won " + wonByA.size()
                    + ", server-b won " + wonByB.size() + " of " + PERIODS);
            Set<String> both = new HashSet<>(wonByA);
            both.retainAll(wonByB);
            assertTrue(both.isEmpty(), "periods won twice: " + both);
            assertEquals(PERIODS, wonByA.size() + wonByB.size(),
                    "every period won once: a " + wonByA.size() + ", b " + wonByB.size());
            assertFalse(wonByA.isEmpty(), "server-a won no period: it never raced");
            assertFalse(wonByB.isEmpty(), "server-b won no period: it never raced");

            Map<String, String> recorded = new HashMap<>();
            try (Connection c = create.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(
                         "SELECT PERIOD, OWNER FROM SCHEDULE_LOCK WHERE NAME = 'two-process-demo'")) {
                while (rs.next()) {
                    recorded.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(PERIODS, recorded.size());
            for (String p : wonByA) {
                assertEquals("server-a", recorded.get(p), p);
            }
            for (String p : wonByB) {
                assertEquals("server-b", recorded.get(p), p);
            }
        } finally {
            server.shutdown();
        }
    }

    private static void awaitPing(NetworkServerControl server) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                server.ping();
                return;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Derby Network Server did not start");
    }

    private static Process claimant(int port, String db, String owner) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ScheduleLockClaimant.class.getName(), Integer.toString(port), db, owner, Integer.toString(PERIODS)))
                .redirectErrorStream(true).start();
    }

    /** A claimant process: its output, its input, and the periods it reported won. */
    private record Claimant(Process process, String owner, Set<String> won, BufferedReader out, Writer in) {
        Claimant(Process process, String owner, Set<String> won) {
            this(process, owner, won,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        /** The next line that starts with one of {@code prefixes}, skipping log output. */
        String next(String... prefixes) throws IOException {
            StringBuilder other = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                for (String prefix : prefixes) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                other.append(line).append('\n');
            }
            throw new AssertionError(owner + " ended before " + List.of(prefixes) + ": " + other);
        }
    }

    /** Runs every period as a barrier: both at it, then both released together, order drawn at random. */
    private static void race(List<Claimant> claimants) throws Exception {
        Random order = new Random(20251005L);
        for (int i = 0; i < PERIODS; i++) {
            String period = "period-" + i;
            for (Claimant c : claimants) {
                assertEquals("AT " + period, c.next("AT "), c.owner());
            }
            List<Claimant> go = new ArrayList<>(claimants);
            Collections.shuffle(go, order);
            for (Claimant c : go) {
                c.in().write("GO\n");
                c.in().flush();
            }
            for (Claimant c : claimants) {
                String result = c.next("WON ", "LOST ");
                assertTrue(result.endsWith(" " + period), c.owner() + ": " + result);
                if (result.startsWith("WON ")) {
                    c.won().add(period);
                }
            }
        }
        for (Claimant c : claimants) {
            c.next("DONE " + c.owner());
            assertTrue(c.process().waitFor(60, TimeUnit.SECONDS), c.owner() + " did not end");
            assertEquals(0, c.process().exitValue(), c.owner());
        }
    }
}
