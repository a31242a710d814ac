package it.com.routingml;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a test (no IT suffix, never run by {@code mvn verify}, asserts nothing): measures how soon
 * each console page is interactive, for docs/benchmarks.md ("Browser console"). Run against a
 * running server with {@code bench/console-bench.sh}.
 *
 * <p>A page is interactive when its render has finished: its data is shown and its controls work
 * ({@code performance.mark('ready:…')}, set by app.js). Per page: a full load in a new document
 * (first one with an empty browser cache), then in-app navigation from another page.
 */
class ConsoleTiming {

    private static final int RUNS = Integer.getInteger("bench.runs", 10);
    private static final String ITEM = System.getProperty("bench.item", "B000087");
    private static final String LAST_READY =
            "const m = performance.getEntriesByType('mark').filter(x => x.name.startsWith('ready:'));";

    @Test
    void measure() throws IOException {
        List<String> routes = List.of("#/recommend?item=" + ITEM + "&k=5", "#/recommend", "#/model", "#/drift",
                "#/quality", "#/retrain");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-28s %9s %9s %9s %9s %9s%n", "page",
                "cold ms", "load p50", "load max", "nav p50", "nav max"));
        try (Browser b = Browser.start()) {
            for (String route : routes) {
                String page = route.replaceFirst("^#/", "").replaceFirst("\\?.*", "");
                List<Double> loads = new ArrayList<>();
                for (int i = 0; i <= RUNS; i++) {
                    b.driver.get("about:blank");
                    b.open(route);
                    loads.add(((Number) b.js(LAST_READY + "return m[m.length - 1].startTime")).doubleValue());
                }
                double cold = loads.remove(0);
                List<Double> navs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    b.open(route.startsWith("#/model") ? "#/quality" : "#/model");
                    b.js("window.__t0 = performance.now(); location.hash = arguments[0];", route);
                    b.awaitReady(page);
                    Number ms = (Number) b.js(LAST_READY + "return m[m.length - 1].startTime - window.__t0");
                    navs.add(ms.doubleValue());
                }
                String name = route.length() > 28 ? route.substring(0, 28) : route;
                out.append(String.format(Locale.ROOT, "%-28s %9.0f %9.0f %9.0f %9.0f %9.0f%n", name,
                        cold, median(loads), max(loads), median(navs), max(navs)));
            }
        }
        System.out.print(out);
        Path file = Path.of(System.getProperty("bench.out", "target/console-timing.txt"));
        Files.writeString(file, out.toString());
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
