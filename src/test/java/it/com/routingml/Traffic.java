package it.com.routingml;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Predictions sent one after another through the load balancer on a thread of their own, each
 * answer recorded: its time, status, the server that gave it ({@code X-Served-By}) and the model
 * version that answered. Bounded: it stops by itself after {@code maxDuration} or
 * {@code maxRequests}. Predictions are by attributes, so they need no item master look-up.
 */
final class Traffic implements AutoCloseable {

    /** One request: {@code status} 0 when no answer came (the error says why). */
    record Sample(Instant at, int status, String servedBy, String modelVersion, String error) {
        boolean ok() {
            return status == 200 && modelVersion != null;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final List<String> bodies;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param base   the load balancer, {@code http://host:port}
     * @param bodies prediction request bodies, sent in turn
     * @param pause  between the end of one request and the start of the next
     */
    Traffic(String base, List<String> bodies, Duration pause, Duration maxDuration, int maxRequests) {
        this.url = base + "/api/predictions";
        this.bodies = List.copyOf(bodies);
        Instant end = Instant.now().plus(maxDuration);
        this.thread = new Thread(() -> {
            for (int i = 0; !stopped && i < maxRequests && Instant.now().isBefore(end); i++) {
                Sample s = send(this.bodies.get(i % this.bodies.size()));
                synchronized (samples) {
                    samples.add(s);
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "it-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private Sample send(String body) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String version = null;
            if (r.statusCode() == 200) {
                try (JsonReader j = Json.createReader(new StringReader(r.body()))) {
                    JsonObject o = j.readObject();
                    version = o.getString("modelVersion", null);
                }
            }
            String server = r.headers().firstValue("X-Served-By").orElse(null);
            return new Sample(Instant.now(), r.statusCode(), server, version, r.statusCode() == 200 ? null : r.body());
        } catch (Exception e) {
            return new Sample(Instant.now(), 0, null, null, e.toString());
        }
    }

    /** Requests recorded so far: pass to {@link #since} to look only at what follows. */
    int mark() {
        synchronized (samples) {
            return samples.size();
        }
    }

    /** Requests recorded after {@code mark}. */
    List<Sample> since(int mark) {
        synchronized (samples) {
            return List.copyOf(samples.subList(mark, samples.size()));
        }
    }

    /** Waits until at least {@code n} requests were recorded after {@code mark}; returns them. */
    List<Sample> awaitAfter(int mark, int n) {
        return Await.until(n + " requests through the load balancer", () -> since(mark), s -> s.size() >= n);
    }

    /** Requests that failed among {@code samples}. */
    static List<Sample> failures(List<Sample> samples) {
        return samples.stream().filter(s -> !s.ok()).toList();
    }

    /** How many of {@code samples} each server answered. */
    static Map<String, Long> byServer(List<Sample> samples) {
        return samples.stream().filter(Sample::ok)
                .collect(Collectors.groupingBy(s -> String.valueOf(s.servedBy()), Collectors.counting()));
    }

    /** The first sample that {@code server} answered with {@code version}, if any. */
    static java.util.Optional<Sample> first(List<Sample> samples, String server, String version) {
        return samples.stream().filter(s -> s.ok() && server.equals(s.servedBy()) && version.equals(s.modelVersion()))
                .findFirst();
    }

    static <T> Map<T, Long> count(List<Sample> samples, Function<Sample, T> key) {
        return samples.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** Stops sending; returns every request recorded. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(Duration.ofSeconds(40).toMillis());
    }

    List<Sample> all() {
        return since(0);
    }
}
