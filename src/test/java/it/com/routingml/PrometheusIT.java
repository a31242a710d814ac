package it.com.routingml;

import com.routingml.testing.Prerequisites;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics as the real tools see them: {@code promtool check metrics} finds no problem in our
 * output, and a real Prometheus server scrapes the running Liberty and sees predictions counted.
 * Both binaries come with the Debian package {@code prometheus} ({@code .ci/run} installs it).
 */
class PrometheusIT {

    private static final Path PROMTOOL = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));
    private static final Path PROMETHEUS = Path.of(System.getProperty("prometheus", "/usr/bin/prometheus"));
    private static final Path WORK = Server.IT_DIR.resolveSibling("prometheus-it");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process prometheus;
    private static String prometheusBase;

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void promtoolFindsNoProblemInOurMetrics() throws Exception {
        Prerequisites.executable(PROMTOOL, "Debian package prometheus");
        Server.post("/api/predictions", "{\"attributes\":{\"ITEM_TYPE\":\"SEAL\"}}");
        // Strict: everything the application registers, and the v4 API's endpoint.
        for (String path : List.of("/metrics?scope=application", "/api/metrics")) {
            Lint lint = checkMetrics(Server.get(path).body());
            assertEquals(0, lint.exitCode(), path + ": " + lint.problems());
            assertTrue(lint.problems().isEmpty(), path + ": " + lint.problems());
        }
        // The full /metrics also holds Liberty's own base and vendor metrics (camelCase names such as
        // cpu_processCpuTime_seconds, thread_count gauges), which promtool flags; none of ours may be.
        Lint all = checkMetrics(Server.get("/metrics").body());
        for (String p : all.problems()) {
            assertTrue(!p.startsWith("routing_ml_") && !p.contains("error while linting") && !p.contains("parsing"),
                    "problem in application metrics or unparseable output: " + p);
        }
    }

    @Test
    void prometheusScrapesLibertyAndSeesPredictionsCountedAndTheKpisItsRulesWatch() throws Exception {
        Prerequisites.executable(PROMETHEUS, "Debian package prometheus");
        startPrometheus();
        Await.until("Prometheus to scrape Liberty (up == 1)", () -> queryValue("up{job=\"routing-ml\"}"), "1"::equals);

        String query = "sum(routing_ml_predictions_total{job=\"routing-ml\",outcome=\"success\"})";
        double before = Double.parseDouble(Await.until("a first scrape of routing_ml_predictions_total",
                () -> queryValue(query), v -> v != null));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, Server.post("/api/predictions",
                    "{\"attributes\":{\"ITEM_TYPE\":\"SEAL\",\"OUTDIAMETER\":40}}").status());
        }
        Await.until("routing_ml_predictions_total to rise by 3 from " + before, () -> queryValue(query),
                v -> v != null && Double.parseDouble(v) >= before + 3);
        // The histogram is usable as the dashboard uses it.
        String p99 = Await.until("a p99 from the latency buckets", () -> queryValue(
                "histogram_quantile(0.99, sum by (le) "
                        + "(routing_ml_prediction_latency_seconds_bucket{job=\"routing-ml\"}))"),
                v -> v != null && !v.equals("NaN"));
        assertTrue(Double.parseDouble(p99) > 0, p99);

        // The KPIs as Prometheus sees them, and the shipped alert rules evaluate on them without error.
        double top3 = Server.get("/api/models/active").json().getJsonObject("metrics").getJsonNumber("top3HitRate")
                .doubleValue();
        String scraped = Await.until("the holdout top-3 gauge",
                () -> queryValue("routing_ml_model_holdout_top3_hit_rate{job=\"routing-ml\"}"),
                v -> v != null);
        assertEquals(top3, Double.parseDouble(scraped), 1e-9);
        assertTrue(queryValue("sum(routing_ml_retrain_runs_total{job=\"routing-ml\"})") != null,
                "the runs counter is exported");
        String expected = top3 < 0.85 ? "pending" : "inactive"; // "for: 1h": pending, not yet firing
        JsonObject accuracyRule = Await.until("the rules to be evaluated", () -> rule("RoutingMlModelAccuracyLow"),
                r -> r != null && r.containsKey("lastEvaluation") && !r.getString("lastEvaluation").startsWith("0001"));
        Await.until("RoutingMlModelAccuracyLow " + expected + " for a top-3 of " + top3,
                () -> rule("RoutingMlModelAccuracyLow").getString("state"),
                expected::equals);
        assertEquals("ok", accuracyRule.getString("health"), accuracyRule.toString());
        for (JsonObject r : rules()) {
            assertEquals("ok", r.getString("health"), "every shipped rule evaluates: " + r);
        }
    }

    /** Every rule Prometheus has loaded, with its health and state. */
    private static List<JsonObject> rules() {
        try (JsonReader r = Json.createReader(new StringReader(httpGet(prometheusBase + "/api/v1/rules")))) {
            return r.readObject().getJsonObject("data").getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                    .flatMap(g -> g.getJsonArray("rules").getValuesAs(JsonObject.class).stream()).toList();
        }
    }

    private static JsonObject rule(String name) {
        return rules().stream().filter(r -> r.getString("name").equals(name)).findFirst().orElse(null);
    }

    private static void startPrometheus() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI liberty = URI.create(Server.BASE);
        Path config = WORK.resolve("prometheus.yml");
        // the shipped alert rules, evaluated against the live server
        Files.copy(Path.of("docs/prometheus/alerts.yml"), WORK.resolve("alerts.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: ['alerts.yml']
                scrape_configs:
                  - job_name: routing-ml
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s:%d']
                """.formatted(liberty.getHost(), liberty.getPort()));
        Path data = WORK.resolve("data");
        deleteTree(data);
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(WORK.resolve("prometheus.log").toFile()).start();
        prometheusBase = "http://127.0.0.1:" + port;
        Await.until("Prometheus to be ready on " + prometheusBase + " (see "
                + WORK.resolve("prometheus.log") + ")", () -> {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited with " + prometheus.exitValue() + "; see "
                        + WORK.resolve("prometheus.log"));
            }
            return httpStatus(prometheusBase + "/-/ready");
        }, s -> s == 200);
    }

    /** The value of an instant query's single result, or {@code null} when it has none. */
    private static String queryValue(String promql) {
        String body = httpGet(prometheusBase + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            JsonObject o = r.readObject();
            assertEquals("success", o.getString("status"), body);
            JsonArray result = o.getJsonObject("data").getJsonArray("result");
            return result.isEmpty() ? null : result.getJsonObject(0).getJsonArray("value").getString(1);
        }
    }

    private static int httpStatus(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String httpGet(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Lint(int exitCode, List<String> problems) {
    }

    /** Pipes an exposition into {@code promtool check metrics}; each output line is a problem. */
    static Lint checkMetrics(String exposition) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool check metrics did not finish");
        }
        List<String> problems = new ArrayList<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(problems::add);
        return new Lint(p.exitValue(), problems);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
