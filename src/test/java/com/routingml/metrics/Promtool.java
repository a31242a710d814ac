package com.routingml.metrics;

import com.routingml.testing.Prerequisites;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code promtool} (Debian package prometheus; {@code .ci/run} installs it). */
final class Promtool {

    static final Path BINARY = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** Skips the calling test without promtool, or fails it on CI ({@link Prerequisites}). */
    static void requireInstalled() {
        Prerequisites.executable(BINARY, "Debian package prometheus");
    }

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(BINARY.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}
