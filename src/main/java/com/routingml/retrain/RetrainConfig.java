package com.routingml.retrain;

import com.routingml.access.AccessDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Retraining configuration (MicroProfile Config, {@code routingml.retrain.*}). Job parameters of
 * the same names (camelCase) override the defaults for one run.
 */
@ApplicationScoped
public class RetrainConfig {

    @Inject
    @ConfigProperty(name = "routingml.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "routingml.retrain.dataset-dir")
    Optional<String> datasetDir;

    @Inject
    @ConfigProperty(name = "routingml.retrain.max-rows", defaultValue = "100000")
    long maxRows;

    @Inject
    @ConfigProperty(name = "routingml.retrain.min-rows", defaultValue = "1000")
    long minRows;

    @Inject
    @ConfigProperty(name = "routingml.retrain.rate-tolerance", defaultValue = "0.01")
    double rateTolerance;

    @Inject
    @ConfigProperty(name = "routingml.retrain.mae-tolerance", defaultValue = "0.05")
    double maeTolerance;

    @Inject
    @ConfigProperty(name = "routingml.retrain.retention-days", defaultValue = "180")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "routingml.retrain.retention-dry-run", defaultValue = "false")
    boolean retentionDryRun;

    @Inject
    @ConfigProperty(name = "routingml.retrain.cron", defaultValue = "0 0 2 1 * *")
    String cron;

    @Inject
    @ConfigProperty(name = "routingml.retrain.zone")
    Optional<String> zone;

    @Inject
    @ConfigProperty(name = "routingml.retrain.schedule-enabled", defaultValue = "true")
    boolean scheduleEnabled;

    @Inject
    @ConfigProperty(name = "routingml.retrain.on-drift", defaultValue = "true")
    boolean onDrift;

    @Inject
    AccessDatabase access;

    public String cron() {
        return cron;
    }

    /** The schedule's time zone (default: the server's). */
    public ZoneId zone() {
        return zone.filter(z -> !z.isBlank()).map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    public boolean scheduleEnabled() {
        return scheduleEnabled;
    }

    public boolean onDrift() {
        return onDrift;
    }

    /**
     * The settings of a new run: job parameters where given, configuration otherwise.
     *
     * @throws IllegalArgumentException naming the parameter when a value does not parse or is out of range
     */
    public RetrainSettings resolve(Properties params) {
        String root = datasetDir.filter(s -> !s.isBlank()).orElse(Path.of(dataDir).resolve("datasets").toString());
        return new RetrainSettings(
                access.file().toString(),
                Path.of(param(params, "datasetDir", Function.identity(), root)).toAbsolutePath().toString(),
                param(params, "maxRows", Long::parseLong, maxRows),
                param(params, "minRows", Long::parseLong, minRows),
                param(params, "rateTolerance", Double::parseDouble, rateTolerance),
                param(params, "maeTolerance", Double::parseDouble, maeTolerance),
                param(params, "retentionDays", Integer::parseInt, retentionDays),
                param(params, "retentionDryRun", RetrainConfig::bool, retentionDryRun),
                // a drill is per run only: no configuration key, so the schedule never degrades
                param(params, "degrade", Degradation::parse, Degradation.NONE));
    }

    private static boolean bool(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("not true or false");
    }

    static <T> T param(Properties p, String name, Function<String, T> parse, T fallback) {
        String v = p == null ? null : p.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("job parameter " + name + " has an invalid value '" + v + "': " + e.getMessage(), e);
        }
    }
}
