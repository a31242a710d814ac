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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVM processes (two "servers") claim the same 120 periods at the same moment through one
 * Derby Network Server: every period is won exactly once, the table records its winner, and both
 * processes win periods (they really race: neither merely finds every period taken).
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
            BufferedReader outA = awaitReady(a, "server-a");
            BufferedReader outB = awaitReady(b, "server-b");
            String start = Instant.now().plusMillis(500).toString(); // both are connected: a common start
            for (Process p : List.of(a, b)) {
                try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                    in.write(start + "\n");
                }
            }
            Set<String> wonByA = won(a, outA, "server-a");
            Set<String> wonByB = won(b, outB, "server-b");

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

    /** Reads the claimant's output up to its READY line (it is connected and has the table). */
    private static BufferedReader awaitReady(Process p, String owner) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder before = new StringBuilder();
        for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new AssertionError(owner + " ended before it was ready: " + before);
            }
            before.append(line).append('\n');
        }
        return out;
    }

    private static Set<String> won(Process p, BufferedReader rest, String owner) throws Exception {
        String out = rest.lines().collect(Collectors.joining("\n"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), owner + " timed out");
        assertEquals(0, p.exitValue(), owner + ": " + out);
        assertTrue(out.contains("DONE " + owner), out);
        Set<String> won = new HashSet<>();
        out.lines().filter(l -> l.startsWith("WON ")).forEach(l -> won.add(l.substring(4)));
        return won;
    }
}
