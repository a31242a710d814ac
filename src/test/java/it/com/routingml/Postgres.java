package it.com.routingml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package) for the ITs: a throwaway cluster
 * made by {@code initdb} in a temporary directory, listening on 127.0.0.1 only, password
 * authentication for every connection. PostgreSQL refuses to run as root, so when the tests run
 * as root its programs run as the operating-system user {@code postgres} (the package's own,
 * {@code it.pg.os-user} to change it).
 */
final class Postgres implements AutoCloseable {

    static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String superPassword;
    private final String osUser;

    private Postgres(Path bin, Path dir, int port, String superPassword, String osUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.superPassword = superPassword;
        this.osUser = osUser;
    }

    /** Where {@code initdb} and {@code pg_ctl} are: {@code it.pg.bindir}, else Debian's newest version, else PATH. */
    static Optional<Path> binaries() {
        String configured = System.getProperty("it.pg.bindir", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(d -> Files.isExecutable(d.resolve("initdb")));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(p -> !p.isBlank()).map(Path::of)
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Creates a new cluster in a fresh temporary directory and starts it on {@code port}. */
    static Postgres start(Path bin, int port) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String osUser = root ? System.getProperty("it.pg.os-user", "postgres") : null;
        Path dir = Files.createTempDirectory("routingml-it-pg-");
        String superPassword = java.util.UUID.randomUUID().toString().replace("-", "");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
        if (osUser != null) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(osUser);
            Files.setOwner(dir, owner);
            Files.setOwner(pwfile, owner);
        }
        Postgres pg = new Postgres(bin, dir, port, superPassword, osUser);
        pg.run(120, "initdb", "-D", dir.resolve("data").toString(), "-U", SUPERUSER, "--pwfile=" + pwfile, "-E", "UTF8",
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--no-instructions");
        Files.delete(pwfile);
        pg.start();
        return pg;
    }

    /** Starts the server (again): {@code pg_ctl start}, waiting until it accepts connections. */
    void start() throws Exception {
        run(120, "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir, "start");
    }

    /** Stops the server: {@code pg_ctl stop -m fast} (open sessions are ended, as in an outage). */
    void stop() throws Exception {
        run(120, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    int port() {
        return port;
    }

    /** JDBC URL of a database on this server. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser. */
    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, superPassword);
    }

    /**
     * The application's role and database as docs/operations.md sets them up: a login role that
     * owns its database and nothing else.
     */
    void createApplicationDatabase(String database, String user, String password) throws SQLException {
        try (Connection c = superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            st.execute("CREATE DATABASE " + database + " OWNER " + user + " ENCODING 'UTF8'");
        }
        try (Connection c = superuser(database); Statement st = c.createStatement()) {
            st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            st.execute("CREATE SCHEMA " + user + " AUTHORIZATION " + user);
        }
    }

    /** The server's own log, for failure messages. */
    String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    private void run(int timeoutSeconds, String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (osUser != null) {
            cmd.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(program + " did not finish within " + timeoutSeconds + " s: " + out);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
    }

    /** Stops the server if it runs and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                stop();
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
