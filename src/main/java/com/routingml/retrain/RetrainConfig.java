package com.routingml.retrain;

import com.routingml.access.AccessDatabase;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.storage.StorageSettings;
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
    StorageSettings storage;

    @Inject
    @ConfigProperty(name = "routingml.retrain.dataset-dir")
    Optional<String> datasetDir;

    @Inject
    @ConfigProperty(name = "routingml.retrain.extract", defaultValue = "catalog")
    String extract;

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
        String root = datasetDir.filter(s -> !s.isBlank()).orElse(storage.dataDir().resolve("datasets").toString());
        return new RetrainSettings(
                param(params, "accessFile", RetrainConfig::accessFile, access.file()).toString(),
                Path.of(param(params, "datasetDir", Function.identity(), root)).toAbsolutePath().toString(),
                param(params, "maxRows", Long::parseLong, maxRows),
                param(params, "minRows", Long::parseLong, minRows),
                param(params, "rateTolerance", Double::parseDouble, rateTolerance),
                param(params, "maeTolerance", Double::parseDouble, maeTolerance),
                param(params, "retentionDays", Integer::parseInt, retentionDays),
                param(params, "retentionDryRun", RetrainConfig::bool, retentionDryRun),
                // a drill is per run only: no configuration key, so the schedule never degrades
                param(params, "degrade", Degradation::parse, Degradation.NONE),
                param(params, "extract", ExtractScope::parse, configuredExtract()));
    }

    private ExtractScope configuredExtract() {
        try {
            return ExtractScope.parse(extract);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routingml.retrain.extract has an invalid value '" + extract + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * A per-run Access file (job parameter {@code accessFile}, admin only, never from the schedule):
     * retrain from a copy, e.g. a snapshot taken off the live share, or prove how the job fails on
     * a broken file without touching the configured one. Absolute, and named like an Access file, so
     * a typo does not read something else. Whether it exists is checked when the job opens it, with
     * a failure that names it.
     */
    static Path accessFile(String s) {
        Path p = Path.of(s);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute path");
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".accdb") && !name.endsWith(".mdb")) {
            throw new IllegalArgumentException("not an .accdb or .mdb file");
        }
        return p.normalize();
    }

    /**
     * Checks the step tuning parameters, which the job XML reads directly (so a bad value would
     * otherwise fail the job, or be ignored, instead of answering 400).
     *
     * @throws IllegalArgumentException naming the parameter
     */
    public static void checkTuning(Properties params) {
        param(params, "chunkSize", s -> range(Integer.parseInt(s), 1, 1_000_000), 0);
        param(params, "throttleMillis", s -> range(Long.parseLong(s), 0, 600_000), 0L);
        // seconds for one chunk's transaction (the first includes the extract query); at most a day
        param(params, "transactionTimeout", s -> range(Integer.parseInt(s), 1, 86_400), 0);
    }

    private static <N extends Number> N range(N v, long min, long max) {
        if (v.longValue() < min || v.longValue() > max) {
            throw new IllegalArgumentException("must be from " + min + " to " + max);
        }
        return v;
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
