package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVM processes (two "servers") claim the same 120 periods at the same moment through one
 * Derby Network Server: every period is won exactly once, and the table records its winner. And
 * two servers coming back at once after all were down at the monthly tick catch the missed period
 * up exactly once.
 */
class ScheduleLockTwoProcessesTest {

    private static final int PERIODS = 120;

    @TempDir
    Path dir;

    private NetworkServerControl server;
    private int port;
    private String db;
    /** A client of the shared database, as each server has (the first one creates it). */
    private BasicClientDataSource create;

    /** Starts a Derby Network Server on a free loopback port with a fresh database: the servers' shared one. */
    @BeforeEach
    void startDatabase() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        db = dir.resolve("lockdb").toString();
        server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        awaitPing(server);
        create = ScheduleLockClaimant.client(port, db);
        create.setConnectionAttributes("create=true");
        create.getConnection().close();
    }

    @AfterEach
    void stopDatabase() throws Exception {
        server.shutdown();
    }

    @Test
    void twoProcessesNeverWinTheSamePeriod() throws Exception {
        String start = Instant.now().plusSeconds(3).toString(); // both JVMs are up by then, then race
        Process a = claimant(port, db, "server-a", start);
        Process b = claimant(port, db, "server-b", start);
        Set<String> wonByA = won(a, "server-a");
        Set<String> wonByB = won(b, "server-b");

        java.util.logging.Logger.getLogger(getClass().getName()).info(() -> "server-a won " + wonByA.size()
                + ", server-b won " + wonByB.size() + " of " + PERIODS);
        Set<String> both = new HashSet<>(wonByA);
        both.retainAll(wonByB);
        assertTrue(both.isEmpty(), "periods won twice: " + both);
        assertEquals(PERIODS, wonByA.size() + wonByB.size(), "every period won once: a " + wonByA.size() + ", b "
                + wonByB.size());

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
    }

    @Test
    void twoServersBackAfterAMissedTickCatchItUpExactlyOnce() throws Exception {
        // The active model is from before the latest monthly tick, and no server claimed that tick.
        String modelTrained = "2000-01-01T00:00:00Z";
        String start = Instant.now().plusSeconds(3).toString(); // both JVMs are up by then, then both check at once
        Process pa = catchUp(port, db, "server-a", start, modelTrained);
        Process pb = catchUp(port, db, "server-b", start, modelTrained);
        String a = output(pa, "server-a");
        String b = output(pb, "server-b");
        long runs = (a + b).lines().filter(l -> l.startsWith("RUN ")).count();
        assertEquals(1, runs, "exactly one server catches up:\n" + a + b);
        String winner = a.contains("RUN ") ? "server-a" : "server-b";
        String period = (a + b).lines().filter(l -> l.startsWith("RUN ")).findFirst().orElseThrow().substring(4);
        try (Connection c = create.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT PERIOD, OWNER FROM SCHEDULE_LOCK WHERE NAME = 'monthly-retrain'")) {
            assertTrue(rs.next());
            assertEquals(period, rs.getString(1));
            assertEquals(winner + CatchUp.MARK, rs.getString(2));
            assertTrue(!rs.next(), "one claim");
        }
        // A server restarting afterwards does not run it again.
        String again = output(catchUp(port, db, "server-a", Instant.now().toString(), modelTrained), "server-a");
        assertTrue(again.contains("SKIP " + period + ": period " + period + " was claimed by " + winner
                + CatchUp.MARK), again);
    }

    private static Process catchUp(int port, String db, String owner, String start,
            String modelTrained) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CatchUpClaimant.class.getName(),
                Integer.toString(port), db, owner, start, modelTrained)).redirectErrorStream(true).start();
    }

    private static String output(Process p, String owner) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), owner + " timed out");
        assertEquals(0, p.exitValue(), owner + ": " + out);
        assertTrue(out.contains("DONE " + owner), out);
        return out;
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

    private static Process claimant(int port, String db, String owner, String start) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ScheduleLockClaimant.class.getName(),
                Integer.toString(port), db, owner, Integer.toString(PERIODS), start)).redirectErrorStream(true).start();
    }

    private static Set<String> won(Process p, String owner) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), owner + " timed out");
        assertEquals(0, p.exitValue(), owner + ": " + out);
        assertTrue(out.contains("DONE " + owner), out);
        Set<String> won = new HashSet<>();
        out.lines().filter(l -> l.startsWith("WON ")).forEach(l -> won.add(l.substring(4)));
        return won;
    }
}
