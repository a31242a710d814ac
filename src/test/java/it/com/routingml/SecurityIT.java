package it.com.routingml;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every admin operation answers 401 without credentials and 403 for a non-admin; health and
 * metrics answer without credentials; predictions are open (the default mode); the batch REST
 * API refuses anonymous callers and non-admins; Admin Center's management API is for admins; HTTPS
 * works with the generated keystore.
 */
class SecurityIT {

    /** A well-formed model version id, so a request would pass validation once past the role check. */
    private static final String SOME_VERSION = "v20260101T000000Z";
    /** The admin operations the application has today: discovery must find at least these. */
    private static final Set<String> KNOWN_ADMIN = Set.of("POST /api/drift/reset", "POST /api/retrain",
            "POST /api/models/{version}/activate");
    /** Changing operations that are deliberately not admin-only. */
    private static final Set<String> OPEN_CHANGES = Set.of("POST /api/predictions");

    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    /** A resource method found by reflection. */
    record Endpoint(String verb, String path, boolean admin) {
        @Override
        public String toString() {
            return verb + " " + path;
        }
    }

    @Test
    void everyAdminOperationAnswers401WithoutCredentialsAnd403ForOperator() throws Exception {
        List<Endpoint> all = endpoints();
        List<Endpoint> admin = all.stream().filter(Endpoint::admin).toList();
        Set<String> found = new TreeSet<>(admin.stream().map(Endpoint::toString).toList());
        assertTrue(found.containsAll(KNOWN_ADMIN), "admin endpoints found by reflection: " + found);
        // Every changing operation is an admin one, except those meant for ordinary callers.
        List<String> unprotected = all.stream().filter(e -> !e.admin() && !e.verb().equals("GET"))
                .map(Endpoint::toString).filter(e -> !OPEN_CHANGES.contains(e)).toList();
        assertTrue(unprotected.isEmpty(), "changing operations without @RolesAllowed: " + unprotected);

        for (Endpoint e : admin) {
            String path = e.path().replaceAll("\\{\\w+}", SOME_VERSION);
            Reply anonymous = send(PLAIN, Server.BASE, e.verb(), path, null);
            assertProblem(e + " without credentials", anonymous, 401);
            assertEquals("Basic realm=\"RoutingML\"", anonymous.header("WWW-Authenticate"), e + ": challenge");
            assertTrue(anonymous.json().getString("detail").contains("administrator"), anonymous.body());

            Reply operator = send(PLAIN, Server.BASE, e.verb(), path, basic("operator", Server.OPERATOR_PASSWORD));
            assertProblem(e + " as operator", operator, 403);
            assertEquals("this operation needs the admin role", operator.json().getString("detail"));

            Reply wrong = send(PLAIN, Server.BASE, e.verb(), path, basic("admin", "not-the-password"));
            assertEquals(401, wrong.status(), e + " with a wrong password: " + wrong.body());
        }
    }

    @Test
    void healthAndMetricsAnswerWithoutCredentials() throws Exception {
        for (String p : List.of("/health", "/health/live", "/health/ready", "/health/started", "/api/health")) {
            Reply r = send(PLAIN, Server.BASE, "GET", p, null);
            assertTrue(r.status() == 200 || r.status() == 503, p + ": " + r.status() + " " + r.body());
            assertTrue(r.json().containsKey("status"), p + ": " + r.body());
        }
        for (String p : List.of("/metrics", "/api/metrics")) {
            Reply r = send(PLAIN, Server.BASE, "GET", p, null);
            assertEquals(200, r.status(), p + ": " + r.body());
            assertTrue(r.body().contains("routing_ml_uptime_seconds"), p);
        }
    }

    @Test
    void predictionsAreOpenByDefaultAndAcceptCredentialsToo() throws Exception {
        String body = "{\"attributes\": {\"ITEM_TYPE\": \"BU\", \"OUTDIAMETER\": 310}, \"topK\": 1}";
        Reply anonymous = send(PLAIN, Server.BASE, "POST", "/api/predictions", null, body);
        assertEquals(200, anonymous.status(), anonymous.body());
        Reply operator = send(PLAIN, Server.BASE, "POST", "/api/predictions",
                basic("operator", Server.OPERATOR_PASSWORD), body);
        assertEquals(200, operator.status(), operator.body());
    }

    @Test
    void httpsServesTheGeneratedCertificate() throws Exception {
        Reply r = send(Server.trusting(), Server.HTTPS_BASE, "GET", "/health", null);
        assertTrue(r.status() == 200 || r.status() == 503, r.status() + " " + r.body());
        assertTrue(r.json().containsKey("checks"), r.body());
    }

    @Test
    void batchRestApiNeedsCredentials() throws Exception {
        HttpClient https = Server.trusting();
        Reply anonymous = send(https, Server.HTTPS_BASE, "GET", "/ibm/api/batch/jobinstances", null);
        assertEquals(401, anonymous.status(), anonymous.body());
        Reply listed = send(https, Server.HTTPS_BASE, "GET", "/ibm/api/batch/jobinstances",
                basic("admin", Server.ADMIN_PASSWORD));
        assertEquals(200, listed.status(), listed.body());
        long instance = firstInstance(listed.body());
        for (String action : List.of("restart", "stop")) {
            Reply r = send(https, Server.HTTPS_BASE, "PUT",
                    "/ibm/api/batch/jobinstances/" + instance + "?action=" + action, null, "{}");
            assertEquals(401, r.status(), action + " without credentials: " + r.body());
        }
    }

    /**
     * Batch roles are for administrators and the application's own service identity only: a
     * batch role granted to every caller would let any authenticated user restart and stop any job
     * instance. Operator has no batch role: it can neither read nor change a real job instance,
     * and nothing happens to the instance.
     */
    @Test
    void batchRestApiRefusesRestartAndStopToNonAdmins() throws Exception {
        HttpClient https = Server.trusting();
        String admin = basic("admin", Server.ADMIN_PASSWORD);
        String operator = basic("operator", Server.OPERATOR_PASSWORD);
        // A real job instance: the newest there is, or one started here (it fails fast: too few rows).
        Reply listed = send(https, Server.HTTPS_BASE, "GET", "/ibm/api/batch/jobinstances", admin);
        assertEquals(200, listed.status(), listed.body());
        long startedHere = -1;
        long instance = firstInstance(listed.body());
        if (instance == 999_999L) {
            JsonObject started = Retraining.start("{\"minRows\":10000000}");
            instance = started.getJsonNumber("instanceId").longValue();
            startedHere = started.getJsonNumber("executionId").longValue();
        }
        String path = "/ibm/api/batch/jobinstances/" + instance;
        int executionsBefore = executions(https, path, admin);

        for (String[] call : List.of(new String[] {"GET", "/ibm/api/batch/jobinstances"}, new String[] {"GET", path},
                new String[] {"GET", path + "/jobexecutions"}, new String[] {"PUT", path + "?action=restart"},
                new String[] {"PUT", path + "?action=stop"}, new String[] {"DELETE", path})) {
            Reply r = send(https, Server.HTTPS_BASE, call[0], call[1], operator);
            assertTrue(r.status() == 401 || r.status() == 403,
                    "operator " + call[0] + " " + call[1] + ": " + r.status() + " " + r.body());
            assertTrue(r.body().contains("not authorized"), call[1] + ": " + r.body());
        }

        // Nothing happened to the instance: still there (not purged), not restarted.
        assertEquals(executionsBefore, executions(https, path, admin), "operator's calls changed nothing");
        if (startedHere >= 0) {
            Retraining.awaitEnd(startedHere); // leave no run behind for the other tests
        }
    }

    /** The number of executions of a job instance, read by the admin. */
    private static int executions(HttpClient https, String instancePath, String admin) throws Exception {
        Reply r = send(https, Server.HTTPS_BASE, "GET", instancePath + "/jobexecutions", admin);
        assertEquals(200, r.status(), r.body());
        try (jakarta.json.JsonReader in = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))) {
            return in.readArray().size();
        }
    }

    @Test
    void adminCenterIsServedAndItsManagementApiIsForAdminsOnly() throws Exception {
        HttpClient https = Server.trusting();
        Reply page = send(https, Server.HTTPS_BASE, "GET", "/adminCenter/", null);
        assertTrue(page.status() == 200 || page.status() == 302, "Admin Center: " + page.status() + " " + page.body());
        // The REST connector behind Admin Center checks Liberty's administrator-role (group routingml-admins).
        assertEquals(401, send(https, Server.HTTPS_BASE, "GET", "/IBMJMXConnectorREST", null).status());
        assertEquals(403, send(https, Server.HTTPS_BASE, "GET", "/IBMJMXConnectorREST",
                basic("operator", Server.OPERATOR_PASSWORD)).status());
        Reply admin = send(https, Server.HTTPS_BASE, "GET", "/IBMJMXConnectorREST",
                basic("admin", Server.ADMIN_PASSWORD));
        assertEquals(200, admin.status(), admin.body());
    }

    /** The first job instance id in a /ibm/api/batch/jobinstances answer, or an unused one when there is none. */
    private static long firstInstance(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"instanceId\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 999_999L;
    }

    // --- helpers

    record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonObject json() {
            return new Server.Reply(status, contentType, body).json();
        }
    }

    private static void assertProblem(String what, Reply r, int status) {
        assertEquals(status, r.status(), what + ": " + r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": content type " + r.contentType());
        JsonObject p = r.json();
        assertEquals(status, p.getInt("status"), what);
        assertFalse(p.getString("title").isBlank(), what);
        assertFalse(r.body().contains("\tat "), what + ": no stack trace");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Reply send(HttpClient client, String base, String verb, String path,
            String authorization) throws IOException, InterruptedException {
        return send(client, base, verb, path, authorization, verb.equals("GET") || verb.equals("DELETE") ? null : "{}");
    }

    private static Reply send(HttpClient client, String base, String verb, String path,
            String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }

    /** Every resource method of the application, found by reflection over the compiled classes (as OpenApiIT does). */
    private static List<Endpoint> endpoints() throws IOException, ClassNotFoundException {
        List<Endpoint> out = new ArrayList<>();
        java.nio.file.Path root = Paths.get("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")
                    && !p.toString().contains("$")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, SecurityIT.class.getClassLoader());
                Path base = c.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                            : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                            : m.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path = "/api" + base.value() + (sub == null ? ""
                            : (sub.value().startsWith("/") ? "" : "/") + sub.value());
                    boolean admin = m.isAnnotationPresent(RolesAllowed.class)
                            || c.isAnnotationPresent(RolesAllowed.class);
                    out.add(new Endpoint(verb, path.replaceAll("\\{(\\w+)(:[^}]*)?}", "{$1}"), admin));
                }
            }
        }
        return out;
    }
}
