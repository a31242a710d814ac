package com.routingml.prediction;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The one default that depends on the machine: {@code routingml.prediction.workers}, the number of
 * predictions computed at once, is the number of processors the JVM may use (container limits
 * included). Lowest precedence, so any other source (environment, system property, server.xml)
 * overrides it. Registered through {@code META-INF/services}.
 */
public class ProcessorDefaults implements ConfigSource {

    static final String WORKERS = "routingml.prediction.workers";

    @Override
    public Map<String, String> getProperties() {
        return Map.of(WORKERS, Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(WORKERS);
    }

    @Override
    public String getValue(String propertyName) {
        return WORKERS.equals(propertyName) ? Integer.toString(Runtime.getRuntime().availableProcessors()) : null;
    }

    @Override
    public String getName() {
        return "routingml processor-count defaults";
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
