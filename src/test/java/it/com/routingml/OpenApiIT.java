package it.com.routingml;

import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The served OpenAPI document covers every JAX-RS endpoint of the application. */
class OpenApiIT {

    @BeforeAll
    static void ready() {
        Server.awaitReady();
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        Server.Reply r = Server.get("/openapi?format=JSON");
        assertEquals(200, r.status(), r.body());
        JsonObject doc = r.json();
        JsonObject paths = doc.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        List<String> endpoints = endpoints();
        assertTrue(endpoints.size() >= 8, "found endpoints by reflection: " + endpoints);
        for (String e : endpoints) {
            String[] mp = e.split(" ", 2);
            JsonObject item = paths.getJsonObject(mp[1]);
            if (item == null || !item.containsKey(mp[0].toLowerCase(Locale.ROOT))) {
                missing.add(e);
            }
        }
        assertTrue(missing.isEmpty(), "not in /openapi: " + missing + "; documented: " + paths.keySet());
        assertTrue(doc.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"));
        assertEquals(200, Server.get("/openapi/ui/").status());
    }

    /** "METHOD /api/path" of every resource method, found by reflection over the compiled classes. */
    private static List<String> endpoints() throws IOException, ClassNotFoundException {
        List<String> out = new ArrayList<>();
        java.nio.file.Path root = Paths.get("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f : files
                    .filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, OpenApiIT.class.getClassLoader());
                Path base = c.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                            : m.isAnnotationPresent(PUT.class) ? "PUT"
                            : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path = "/api" + base.value()
                            + (sub == null ? "" : (sub.value().startsWith("/") ? "" : "/") + sub.value());
                    out.add(verb + " " + path.replaceAll("\\{(\\w+)(:[^}]*)?}", "{$1}"));
                }
            }
        }
        return out;
    }
}
