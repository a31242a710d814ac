package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.ArrayList;
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
 * Two JVM processes (two "servers") share one Derby Network Server. They claim the same 120
 * periods at the same moment: every period is won exactly once, the table records its winner, and
 * both processes win periods (they really race: neither merely finds every period taken). And
 * coming back at once after every server was down at the monthly tick, they catch the missed
 * period up exactly once.
 */
class ScheduleLockTwoProcessesTest {

    private static final int PERIODS = 120;

    @TempDir
    Path dir;

    private NetworkServerControl server;
    private int port;
    private String db;
    /** A client of the shared database, as each server has (this one creates it). */
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
        List<Process> both = List.of(start(ScheduleLockClaimant.class, "server-a", Integer.toString(PERIODS)),
                start(ScheduleLockClaimant.class, "server-b", Integer.toString(PERIODS)));
        List<BufferedReader> outs = goTogether(both, List.of("server-a", "server-b"));
        Set<String> wonByA = lines(both.get(0), outs.get(0), "server-a", "WON ");
        Set<String> wonByB = lines(both.get(1), outs.get(1), "server-b", "WON ");

        java.util.logging.Logger.getLogger(getClass().getName()).info(() -> "server-a won " + wonByA.size()
                + ", server-b won " + wonByB.size() + " of " + PERIODS);
        Set<String> twice = new HashSet<>(wonByA);
        twice.retainAll(wonByB);
        assertTrue(twice.isEmpty(), "periods won twice: " + twice);
        assertEquals(PERIODS, wonByA.size() + wonByB.size(),
                "every period won once: a " + wonByA.size() + ", b " + wonByB.size());
        assertFalse(wonByA.isEmpty(), "server-a won no period: it never raced");
        assertFalse(wonByB.isEmpty(), "server-b won no period: it never raced");

        Map<String, String> recorded = claims("two-process-demo");
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
        List<Process> both = List.of(start(CatchUpClaimant.class, "server-a", modelTrained),
                start(CatchUpClaimant.class, "server-b", modelTrained));
        List<BufferedReader> outs = goTogether(both, List.of("server-a", "server-b"));
        Set<String> ranA = lines(both.get(0), outs.get(0), "server-a", "RUN ");
        Set<String> ranB = lines(both.get(1), outs.get(1), "server-b", "RUN ");
        assertEquals(1, ranA.size() + ranB.size(), "exactly one server catches up: a " + ranA + ", b " + ranB);
        String winner = ranA.isEmpty() ? "server-b" : "server-a";
        String period = ranA.isEmpty() ? ranB.iterator().next() : ranA.iterator().next();
        assertEquals(Map.of(period, winner + CatchUp.MARK), claims("monthly-retrain"), "one claim, marked");

        // A server restarting afterwards does not run it again.
        Process again = start(CatchUpClaimant.class, "server-a", modelTrained);
        BufferedReader out = goTogether(List.of(again), List.of("server-a")).get(0);
        Set<String> skipped = lines(again, out, "server-a", "SKIP ");
        assertEquals(Set.of(period + ": period " + period + " was claimed by " + winner + CatchUp.MARK),
                skipped.stream().map(s -> s.replaceFirst(" at .*", "")).collect(Collectors.toSet()));
    }

    /** The claims of a schedule, period to owner. */
    private Map<String, String> claims(String schedule) throws Exception {
        Map<String, String> recorded = new HashMap<>();
        try (Connection c = create.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT PERIOD, OWNER FROM SCHEDULE_LOCK WHERE NAME = '" + schedule + "'")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getString(2));
            }
        }
        return recorded;
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

    /** A "server" process: {@code main} of {@code type} with port, database, owner and its own argument. */
    private Process start(Class<?> type, String owner, String arg) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), type.getName(),
                Integer.toString(port), db, owner, arg)).redirectErrorStream(true).start();
    }

    /**
     * Waits until every process is connected (its READY line), then sends all the same start
     * instant, half a second ahead: they act at the same moment, as servers firing one schedule do.
     */
    private static List<BufferedReader> goTogether(List<Process> processes, List<String> owners) throws IOException {
        List<BufferedReader> outs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            outs.add(awaitReady(processes.get(i), owners.get(i)));
        }
        String start = Instant.now().plusMillis(500).toString();
        for (Process p : processes) {
            try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write(start + "\n");
            }
        }
        return outs;
    }

    /** Reads the process's output up to its READY line (it is connected and has the table). */
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

    /** The rest of the process's lines that start with {@code prefix}, without it, once it ended well. */
    private static Set<String> lines(Process p, BufferedReader rest, String owner, String prefix) throws Exception {
        String out = rest.lines().collect(Collectors.joining("\n"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), owner + " timed out");
        assertEquals(0, p.exitValue(), owner + ": " + out);
        assertTrue(out.contains("DONE " + owner), out);
        Set<String> found = new HashSet<>();
        out.lines().filter(l -> l.startsWith(prefix)).forEach(l -> found.add(l.substring(prefix.length())));
        return found;
    }
}
