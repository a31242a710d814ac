package com.routingml.cluster;

import org.apache.derby.client.BasicClientDataSource;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVM processes (two "servers") come back together after every server was down at the monthly
 * tick, sharing the job repository through a Derby Network Server: exactly one of them catches the
 * missed period up, the claim records it as a catch-up, and a server starting later does not run
 * it again. The real {@code CronTrigger} of {@code 0 0 2 1 * *} names the period.
 */
class CatchUpTwoProcessesTest {

    /** The active model is from before the latest monthly tick, and no server claimed that tick. */
    private static final String MODEL_TRAINED = "2000-01-01T00:00:00Z";

    @TempDir
    Path dir;

    private NetworkServerControl server;
    private int port;
    private String db;

    @BeforeEach
    void startDatabase() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        db = dir.resolve("lockdb").toString();
        server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        for (int i = 0; ; i++) {
            try {
                server.ping();
                break;
            } catch (Exception notYet) {
                assertTrue(i < 100, "Derby Network Server did not start");
                Thread.sleep(100);
            }
        }
        client("create=true").getConnection().close();
    }

    @AfterEach
    void stopDatabase() throws Exception {
        server.shutdown();
    }

    @Test
    void twoServersBackAfterAMissedTickCatchItUpExactlyOnce() throws Exception {
        List<String> outs = together(List.of("server-a", "server-b"));
        List<String> runs = outs.stream().flatMap(String::lines).filter(l -> l.startsWith("RUN ")).toList();
        assertEquals(1, runs.size(), "exactly one server catches up:\n" + outs);
        String period = runs.get(0).substring(4);
        String winner = outs.get(0).contains("RUN ") ? "server-a" : "server-b";
        assertEquals(Map.of(period, winner + CatchUp.MARK), claims(), "one claim, recorded as a catch-up");

        String again = together(List.of("server-c")).get(0);
        assertTrue(again.contains("SKIP " + period + ": period " + period + " was claimed by " + winner + CatchUp.MARK
                + " at "), "a server starting later does not run it again: " + again);
        assertEquals(1, claims().size());
    }

    /** Starts one claimant per owner, lets them all reach the check, releases them at once; their output. */
    private List<String> together(List<String> owners) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        for (String owner : owners) {
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    CatchUpClaimant.class.getName(), Integer.toString(port), db, owner, MODEL_TRAINED))
                    .redirectErrorStream(true).start();
            processes.add(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder before = new StringBuilder();
            for (String line = out.readLine(); !"AT catch-up".equals(line); line = out.readLine()) {
                assertTrue(line != null, owner + " ended before the check: " + before);
                before.append(line).append('\n');
            }
            outs.add(out);
        }
        for (Process p : processes) {
            try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("GO\n");
            }
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            String text = String.join("\n", outs.get(i).lines().toList());
            assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), owners.get(i) + " timed out");
            assertEquals(0, processes.get(i).exitValue(), owners.get(i) + ": " + text);
            assertTrue(text.contains("DONE " + owners.get(i)), text);
            result.add(text);
        }
        return result;
    }

    private Map<String, String> claims() throws Exception {
        Map<String, String> recorded = new HashMap<>();
        try (Connection c = client("").getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT PERIOD, OWNER FROM SCHEDULE_LOCK WHERE NAME = 'monthly-retrain'")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getString(2));
            }
        }
        return recorded;
    }

    private BasicClientDataSource client(String attributes) {
        BasicClientDataSource ds = new BasicClientDataSource();
        ds.setServerName("localhost");
        ds.setPortNumber(port);
        ds.setDatabaseName(db);
        ds.setConnectionAttributes(attributes);
        return ds;
    }
}
