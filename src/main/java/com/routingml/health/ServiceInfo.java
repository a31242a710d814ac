package com.routingml.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * What the service is and how long it has been up: the build version (from
 * {@code com/routingml/build.properties}, filled in by Maven resource filtering) and the time the
 * application started.
 */
@ApplicationScoped
public class ServiceInfo {

    static final String BUILD_PROPERTIES = "/com/routingml/build.properties";

    private final Clock clock = Clock.systemUTC();
    private Instant startedAt;
    private String version;

    @PostConstruct
    void init() {
        startedAt = clock.instant();
        version = readVersion(ServiceInfo.class.getResourceAsStream(BUILD_PROPERTIES));
    }

    /** Created when the application starts, so uptime counts from then. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing is enough: the bean is created here
    }

    /**
     * The {@code version} of a build properties stream.
     *
     * @throws IllegalStateException when the stream is missing or the build did not filter it
     */
    static String readVersion(InputStream in) {
        if (in == null) {
            throw new IllegalStateException("build properties " + BUILD_PROPERTIES + " missing from the application");
        }
        Properties p = new Properties();
        try (in) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + BUILD_PROPERTIES, e);
        }
        String v = p.getProperty("version", "").trim();
        if (v.isEmpty() || v.contains("${")) {
            throw new IllegalStateException("build properties " + BUILD_PROPERTIES
                    + " hold no filtered version: '" + v + "'");
        }
        return v;
    }

    public String version() {
        return version;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Seconds since the application started, with millisecond resolution. */
    public double uptimeSeconds() {
        return Duration.between(startedAt, clock.instant()).toMillis() / 1000.0;
    }
}
