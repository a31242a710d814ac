package it.com.routingml;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HAProxy (Debian's {@code haproxy} package) in front of the IT's Liberty servers, run in the
 * foreground as a child process with a generated configuration: round robin over the servers,
 * health-checked by {@code GET /health/ready} every half second (two failures take a server out,
 * two successes bring it back), each answer marked with the server that gave it
 * ({@code X-Served-By}), and a CSV statistics page for the servers' states as HAProxy sees them.
 */
final class HaProxy implements AutoCloseable {

    /** A backend server: its name in HAProxy and its HTTP port on 127.0.0.1. */
    record Backend(String name, int port) {
    }

    private final Process process;
    private final int port;
    private final int statsPort;
    private final Path log;

    private HaProxy(Process process, int port, int statsPort, Path log) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
        this.log = log;
    }

    /** {@code it.haproxy}, else {@code /usr/sbin/haproxy}, else the first on PATH. */
    static Optional<Path> binary() {
        String configured = System.getProperty("it.haproxy", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Stream<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(p -> !p.isBlank()).map(Path::of);
        return Stream.concat(Stream.of(Path.of("/usr/sbin")), path)
                .map(d -> d.resolve("haproxy")).filter(Files::isExecutable).findFirst();
    }

    /** The configuration: what docs/architecture.md ("Tested topology") shows. */
    static String config(int port, int statsPort, List<Backend> backends) {
        StringBuilder b = new StringBuilder();
        b.append("""
                global
                    maxconn 256

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    # A connection refused or reset before an answer is tried again on another server.
                    retries 2
                    option redispatch 1
                    retry-on conn-failure empty-response response-timeout

                frontend routingml
                    bind 127.0.0.1:%d
                    default_backend liberty

                backend liberty
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                    http-response set-header X-Served-By %%s
                """.formatted(port));
        for (Backend s : backends) {
            b.append("    server ").append(s.name()).append(" 127.0.0.1:").append(s.port()).append(" check\n");
        }
        b.append("""

                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(statsPort));
        return b.toString();
    }

    /** Writes the configuration to {@code dir}, checks it with {@code haproxy -c} and starts HAProxy. */
    static HaProxy start(Path binary, Path dir, int port, int statsPort, List<Backend> backends) throws Exception {
        Files.createDirectories(dir);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config(port, statsPort, backends));
        Process check = new ProcessBuilder(binary.toString(), "-c", "-f", cfg.toString()).redirectErrorStream(true)
                .start();
        String checked = new String(check.getInputStream().readAllBytes());
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new AssertionError("haproxy -c rejected " + cfg + ": " + checked);
        }
        Path log = dir.resolve("haproxy.out");
        Process p = new ProcessBuilder(binary.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HaProxy h = new HaProxy(p, port, statsPort, log);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!h.listening()) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("haproxy did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return h;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code http://127.0.0.1:<port>}: the address clients use. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Each backend server's state as HAProxy's health checks see it: {@code UP}, {@code DOWN}, {@code UP 1/2}, .... */
    Map<String, String> states() {
        URI csv = URI.create("http://127.0.0.1:" + statsPort + "/stats;csv");
        Server.Reply r = Server.send(HttpRequest.newBuilder(csv).GET());
        if (r.status() != 200) {
            throw new AssertionError("haproxy statistics answered " + r.status() + ": " + r.body());
        }
        List<String> lines = r.body().lines().toList();
        List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
        int pxname = header.indexOf("pxname");
        int svname = header.indexOf("svname");
        int status = header.indexOf("status");
        Map<String, String> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length > status && f[pxname].equals("liberty") && !f[svname].equals("BACKEND")) {
                out.put(f[svname], f[status]);
            }
        }
        return out;
    }

    /** Waits until HAProxy sees {@code server} in {@code state} ({@code UP} or {@code DOWN}). */
    void await(String server, String state) {
        Await.until("haproxy to see " + server + " " + state, this::states, s -> state.equals(s.get(server)));
    }

    /** HAProxy's own output, for failure messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
