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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The running Liberty server of the integration tests (port from the pom, never hard-coded). */
final class Server {

    static final String BASE = "http://localhost:" + System.getProperty("http.port", "9080");
    static final Path IT_DIR = Path.of(System.getProperty("it.dir", "target/it"));
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

    /** POST with HTTP Basic credentials. */
    static Reply postAs(String user, String password, String path, String body) {
        String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Basic " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
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
        throw new AssertionError("server not ready within 4 minutes; last answer: " + last + "; started: " + get("/health/started").body());
    }
}
