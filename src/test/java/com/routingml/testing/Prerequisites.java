package com.routingml.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a test needs from the machine (promtool, a Prometheus server, a browser, a JVM feature).
 * On a developer's machine a missing prerequisite skips the test, saying what is missing; on CI
 * (environment variable {@code CI=true}, as CI services set it) it fails the test: a build that
 * passes there has run every test.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** Whether this run is on CI: the environment variable {@code CI} is {@code true}. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Continues if {@code met}; otherwise skips the calling test, or fails it on CI.
     *
     * @param what the prerequisite, for the message (e.g. "promtool at /usr/bin/promtool")
     * @param hint how to provide it (e.g. "Debian package prometheus")
     */
    public static void require(boolean met, String what, String hint) {
        if (met) {
            return;
        }
        String message = what + " is missing (" + hint + ")";
        if (onCi()) {
            Assertions.fail(message + "; CI=true, so a missing prerequisite fails the build");
        }
        Assumptions.abort(message + "; test skipped (with CI=true it would fail)");
    }

    /** {@link #require} for an executable file; returns it. */
    public static Path executable(Path file, String hint) {
        require(Files.isExecutable(file), file.getFileName() + " at " + file, hint);
        return file;
    }
}
