package it.com.routingml;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One more Liberty server of the same runtime as the IT server ({@code it.wlp.dir}), with the same
 * configuration and the packaged WAR, its own ports, data directory and JVM options: created by
 * Liberty's own {@code server create}, started and stopped by {@code server start/stop}, and talked
 * to through the {@link Server} harness. The environment given to {@link #start} reaches the server
 * (database selection and credentials), never a file.
 */
final class ClusterNode {

    final String name;
    final int httpPort;
    final int httpsPort;
    final Path dir;
    private final Map<String, String> environment;

    private ClusterNode(String name, int httpPort, int httpsPort, Path dir, Map<String, String> environment) {
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.dir = dir;
        this.environment = environment;
    }

    /**
     * Creates server {@code name} (replacing an earlier one of that name): the IT server's server.xml
     * and database files, its libraries, the WAR, ports in bootstrap.properties and {@code jvmOptions}.
     */
    static ClusterNode create(String name, int httpPort, int httpsPort, List<String> jvmOptions,
                              Map<String, String> environment) throws Exception {
        Path servers = Server.WLP.resolve("usr/servers");
        Path dir = servers.resolve(name);
        if (Files.exists(dir)) {
            delete(dir);
        }
        run(Server.WLP.resolve("bin/server").toString(), "create", name);
        Files.copy(Server.SERVER_DIR.resolve("server.xml"), dir.resolve("server.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        copyTree(Server.SERVER_DIR.resolve("database"), dir.resolve("database"));
        copyTree(Server.SERVER_DIR.resolve("lib"), dir.resolve("lib"));
        Files.createDirectories(dir.resolve("apps"));
        Files.copy(Path.of(System.getProperty("it.war", "target/routing-ml.war")), dir.resolve("apps/routing-ml.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("bootstrap.properties"),
                "http.port=" + httpPort + "\nhttps.port=" + httpsPort + "\n");
        Files.write(dir.resolve("jvm.options"), jvmOptions);
        return new ClusterNode(name, httpPort, httpsPort, dir, environment);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    String base() {
        return "http://localhost:" + httpPort;
    }

    String httpsBase() {
        return "https://localhost:" + httpsPort;
    }

    /** {@code server start} with this node's environment (the database and its credentials). */
    void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Server.WLP.resolve("bin/server").toString(), "start", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            throw new AssertionError(name + ": server start timed out");
        }
    }

    /** Replaces the system property {@code -Dname=…} in jvm.options (read at the next start). */
    void option(String name, String value) throws IOException {
        Path file = dir.resolve("jvm.options");
        String prefix = "-D" + name + "=";
        List<String> lines = Files.readAllLines(file).stream().map(l -> l.startsWith(prefix) ? prefix + value : l)
                .toList();
        if (!lines.contains(prefix + value)) {
            throw new AssertionError(name + " is not in " + file);
        }
        Files.write(file, lines);
    }

    /** {@code server stop}; quiet when the server is not running. */
    void stop() throws Exception {
        Process p = new ProcessBuilder(Server.WLP.resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(120, TimeUnit.SECONDS);
    }

    /** Waits until {@code /health/ready} answers 200; returns when it did. */
    Instant awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                Server.Reply r = get("/health/ready");
                if (r.status() == 200) {
                    return Instant.now();
                }
                last = r.status() + " " + r.body();
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(250);
        }
        throw new AssertionError(name + " not ready within " + within + "; last answer: " + last + "\nlog:\n"
                + tail(log(), 6000));
    }

    /** The JVM's process id (Liberty's pid file). */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(Server.WLP.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }

    /** kill -9 of the JVM; returns once it is gone. */
    void kill() throws Exception {
        long pid = pid();
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + ": no process " + pid));
        if (new ProcessBuilder("kill", "-9", Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
            throw new AssertionError("kill -9 " + pid + " failed");
        }
        jvm.onExit().get(60, TimeUnit.SECONDS);
    }

    Server.Reply get(String path) {
        return Server.send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    Server.Reply post(String path, String body) {
        return Server.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST as the admin (the password the environment gave the node). */
    Server.Reply postAsAdmin(String path, String body) {
        return Server.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .header("Authorization", Server.basic("admin", environment.get("ROUTINGML_ADMIN_PASSWORD")))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A call to Liberty's own REST APIs (batch) over HTTPS, as the admin. */
    Server.Reply httpsAsAdmin(String verb, String path, String body) {
        return Server.https(httpsBase(), verb, path, Server.basic("admin", environment.get("ROUTINGML_ADMIN_PASSWORD")),
                body);
    }

    /** The server's messages.log. */
    String log() {
        try {
            Path log = dir.resolve("logs/messages.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String s, int chars) {
        return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + base() + ")";
    }
}
