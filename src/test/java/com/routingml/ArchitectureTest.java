package com.routingml;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure of docs/architecture.md: no cycles, and each package depends only on the
 * packages it is allowed to. A new dependency between packages is a design decision: make it here
 * and in the table of docs/architecture.md, which must list the same packages, in the same order,
 * with the same uses.
 */
class ArchitectureTest {

    private static final String ROOT = "com.routingml";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Package (relative to com.routingml) → the packages it may use. Lower layers first. */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("api");
        allow("storage");
        allow("notify");
        allow("cluster", "storage");
        allow("drift");
        allow("access", "storage");
        allow("sample");
        allow("model", "access", "drift", "storage");
        allow("events", "model", "drift");
        allow("drift.monitor", "drift", "model", "events", "api", "storage", "cluster");
        allow("registry", "model", "drift", "drift.monitor", "events", "api", "storage");
        allow("prediction", "access", "model", "registry", "events", "api");
        allow("retrain.dataset", "access", "model", "storage");
        allow("retrain", "retrain.dataset", "access", "model", "registry", "events", "cluster", "storage");
        allow("retrain.job", "retrain", "retrain.dataset", "access", "model", "registry", "events", "notify");
        allow("retrain.rest", "retrain", "api");
        allow("lifecycle", "access", "sample", "model", "registry", "drift.monitor");
        allow("health", "lifecycle", "access", "model", "registry", "events");
        allow("metrics", "events", "health", "model", "registry", "drift.monitor", "prediction");
        allow("console");
    }

    private static void allow(String pkg, String... uses) {
        ALLOWED.put(pkg, Set.of(uses));
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachPackageUsesOnlyThePackagesItIsAllowedTo() {
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            Set<String> forbidden = new TreeSet<>(ALLOWED.keySet());
            forbidden.remove(e.getKey());
            forbidden.removeAll(e.getValue());
            if (forbidden.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(ROOT + "." + e.getKey())
                    .should().dependOnClassesThat()
                    .resideInAnyPackage(forbidden.stream().map(p -> ROOT + "." + p).toArray(String[]::new))
                    .because(e.getKey() + " may use only " + e.getValue())
                    .check(CLASSES);
        }
    }

    @Test
    void everyPackageIsInTheTable() {
        Set<String> unlisted = new TreeSet<>();
        CLASSES.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith(ROOT + ".")) {
                String rel = pkg.substring(ROOT.length() + 1);
                if (!ALLOWED.containsKey(rel)) {
                    unlisted.add(rel);
                }
            }
        });
        assertEquals(Set.of(), unlisted, "packages missing from ArchitectureTest.ALLOWED");
    }

    @Test
    void theTableOfDocsArchitectureIsThisOne() throws IOException {
        // A row: | `package` | what it holds | `uses`, `uses` (or —) |
        Pattern row = Pattern.compile("^\\| `([a-z.]+)` \\| .* \\| ([^|]*) \\|$", Pattern.MULTILINE);
        Matcher m = row.matcher(Files.readString(Path.of("docs/architecture.md")));
        Map<String, Set<String>> table = new LinkedHashMap<>();
        while (m.find()) {
            Set<String> uses = new TreeSet<>();
            Matcher name = Pattern.compile("`([a-z.]+)`").matcher(m.group(2));
            while (name.find()) {
                uses.add(name.group(1));
            }
            if (ALLOWED.containsKey(m.group(1))) {
                table.put(m.group(1), uses);
            }
        }
        assertEquals(ALLOWED.keySet().stream().toList(), table.keySet().stream().toList(), "packages, in order");
        ALLOWED.forEach((pkg, uses) -> assertEquals(new TreeSet<>(uses), table.get(pkg), pkg + " uses"));
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses().that()
                .resideInAnyPackage(ROOT + ".model", ROOT + ".drift", ROOT + ".retrain.dataset", ROOT + ".sample")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..",
                        "jakarta.ws.rs..", "jakarta.batch..", "org.eclipse.microprofile..")
                .because("domain logic is testable without a server")
                .check(CLASSES);
    }
}
