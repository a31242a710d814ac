package it.com.routingml;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The running Liberty server of the integration tests, and the one way the ITs talk to it and
 * control it: plain, authenticated and HTTPS calls, readiness, its log, kill -9 and restart,
 * configuration drop-ins. Ports come from the pom, never hard-coded.
 */
final class Server {

    static final String BASE = "http://localhost:" + System.getProperty("http.port", "9080");
    static final String HTTPS_BASE = "https://localhost:" + System.getProperty("https.port", "9443");
    static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it"));
    static final Path WLP = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
    static final Path SERVER_DIR = WLP.resolve("usr/servers/defaultServer");
    static final Path MESSAGES_LOG = SERVER_DIR.resolve("logs/messages.log");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Server() {
    }

    record Reply(int status, String contentType, String body) {
        JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }
    }

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
    }

    static Reply post(String path, String body) {
        return post(path, body, "application/json");
    }

    static Reply post(String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "");
    static final String OPERATOR_PASSWORD = System.getProperty("it.operator.password", "");

    /** The value of an HTTP Basic {@code Authorization} header. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The admin's {@code Authorization} header. */
    static String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    /** POST with HTTP Basic credentials. */
    static Reply postAs(String user, String password, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", basic(user, password))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET with HTTP Basic credentials. */
    static Reply getAs(String user, String password, String path) {
        return send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", basic(user, password)).GET());
    }

    /** The version of the model the server serves now. */
    static String activeVersion() {
        return get("/api/models/active").json().getString("version");
    }

    /**
     * A request over HTTPS to the server's self-signed certificate (Liberty's own REST APIs, such as
     * the batch API, redirect plain HTTP); {@code body} null sends none.
     */
    static Reply https(String verb, String path, String authorization, String body) {
        return https(HTTPS_BASE, verb, path, authorization, body);
    }

    /** {@link #https(String, String, String, String)} to another server ({@code base}: {@code https://host:port}). */
    static Reply https(String base, String verb, String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(trusting(), b);
    }

    /** The client of {@link #https}: it trusts the IT server's self-signed certificate. */
    static HttpClient trusting() {
        return TRUSTING.get();
    }

    private static final java.util.function.Supplier<HttpClient> TRUSTING = new java.util.function.Supplier<>() {
        private HttpClient client;

        @Override
        public synchronized HttpClient get() {
            if (client == null) {
                try {
                    TrustManager[] trustAll = {new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] c, String a) {
                        }

                        public void checkServerTrusted(X509Certificate[] c, String a) {
                        }

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }};
                    SSLContext ssl = SSLContext.getInstance("TLS");
                    ssl.init(null, trustAll, new SecureRandom());
                    System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
                    client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            return client;
        }
    };

    static Reply send(HttpRequest.Builder b) {
        return send(CLIENT, b);
    }

    private static Reply send(HttpClient client, HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until readiness is UP (first start generates a sample database and trains a model). */
    static void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                Reply r = get("/health/ready");
                if (r.status() == 200) {
                    return;
                }
                last = r.status() + " " + r.body();
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("server not ready within 4 minutes; last answer: " + last + "; started: "
                + get("/health/started").body());
    }

    /** Bytes in the server's messages.log now: pass to {@link #awaitLog} to look only at what follows. */
    static long logSize() {
        try {
            return Files.exists(MESSAGES_LOG) ? Files.size(MESSAGES_LOG) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's messages.log written after {@code from} (a {@link #logSize()}). */
    static String logSince(long from) {
        try (var in = Files.newInputStream(MESSAGES_LOG)) {
            in.skipNBytes(Math.min(from, Files.size(MESSAGES_LOG)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the log written after {@code from} contains every one of {@code texts}; returns that part. */
    static String awaitLog(long from, String... texts) {
        return Await.until("log lines " + java.util.Arrays.toString(texts), () -> logSince(from),
                log -> java.util.Arrays.stream(texts).allMatch(log::contains));
    }

    /** Kills the server's JVM with SIGKILL (no shutdown hooks, nothing flushed) and waits for it to be gone. */
    static void kill() {
        try {
            long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/defaultServer.pid")).trim());
            ProcessHandle server = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError("no server process " + pid));
            if (new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor() != 0) {
                throw new AssertionError("kill -9 " + pid + " failed");
            }
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not kill the server: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server (as Liberty's {@code server start} script does) and waits until it is ready. */
    static void start() {
        try {
            Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", "defaultServer")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("server start timed out");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start the server: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        awaitReady();
    }

    /** kill -9, then a normal start: what a crashed node and its restart look like. */
    static void killAndRestart() {
        kill();
        start();
    }

    /**
     * A configuration change that restarts the application (a drop-in under configDropins, or its
     * removal): made, then awaited in the log ({@code logged} and the application's start) and by
     * readiness.
     */
    static void reconfigure(java.util.concurrent.Callable<?> change, String logged) throws Exception {
        long from = logSize();
        change.call();
        awaitLog(from, logged, "CWWKZ0003I");
        awaitReady();
    }
}
