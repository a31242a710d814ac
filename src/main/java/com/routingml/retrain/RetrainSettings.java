package com.routingml.retrain;

import com.routingml.access.AccessDatabase;
import com.routingml.access.AccessSchema;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.storage.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;

/**
 * Retraining configuration (MicroProfile Config, {@code routingml.retrain.*}). Job parameters of
 * the same names (camelCase) override the defaults for one run.
 */
@ApplicationScoped
public class RetrainSettings {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

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
    @ConfigProperty(name = "routingml.retrain.coverage-tolerance", defaultValue = "0.05")
    double coverageTolerance;

    @Inject
    @ConfigProperty(name = "routingml.retrain.min-top3-hit-rate", defaultValue = "0.7")
    double minTop3HitRate;

    @Inject
    @ConfigProperty(name = "routingml.retrain.access-file-dir")
    Optional<String> accessFileDir;

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

    /** A run request that passed every check: its dataset month and its settings. */
    public record Checked(String month, RetrainConfig settings) {
    }

    /**
     * Checks every job parameter of a run (names, forms, ranges, paths) and resolves its month and
     * settings: job parameters where given, configuration otherwise. Nothing is started or written.
     *
     * @param internalAllowed whether the application's own parameters ({@link JobParameters#INTERNAL}) may appear
     * @throws IllegalArgumentException naming the first bad parameter and its value
     */
    public Checked check(Properties params, boolean internalAllowed) {
        Properties p = params == null ? new Properties() : params;
        JobParameters.checkNames(p, internalAllowed);
        YearMonth now = YearMonth.now(zone());
        String month = JobParameters.get(p, "month", JobParameters.month(now), now.format(MONTH));
        ExtractScope scope = JobParameters.get(p, "extract", ExtractScope::parse, configuredExtract());
        // maxRows limits only an extract of the newest rows; the whole catalog is bounded by MAX_ROWS alone
        boolean newest = scope == ExtractScope.NEWEST;
        long max = JobParameters.get(p, "maxRows", JobParameters.integer(1, JobParameters.MAX_ROWS), maxRows);
        long min = JobParameters.get(p, "minRows", JobParameters.integer(0, newest ? max : JobParameters.MAX_ROWS),
                minRows);
        if (newest && min > max) { // both from configuration
            throw new IllegalArgumentException("routingml.retrain.min-rows (" + min
                    + ") exceeds routingml.retrain.max-rows ("
                    + max + "): no run could ever extract enough rows");
        }
        JobParameters.get(p, "chunkSize", JobParameters.integer(1, 1_000_000), 0L);
        JobParameters.get(p, "throttleMillis", JobParameters.integer(0, 600_000), 0L);
        // seconds for one chunk's transaction (the first includes the extract query); at most a day
        JobParameters.get(p, "transactionTimeout", JobParameters.integer(1, 86_400), 0L);
        JobParameters.get(p, "codec", JobParameters::codec, null);
        Path root = datasetRoot();
        RetrainConfig settings = new RetrainConfig(
                JobParameters.get(p, "accessFile", this::perRunAccessFile, access.file()).toString(),
                JobParameters.get(p, "datasetDir", JobParameters.inside(root, "routingml.retrain.dataset-dir"),
                        root).toString(),
                max, min,
                JobParameters.get(p, "rateTolerance", JobParameters.decimal(0, 1), rateTolerance),
                JobParameters.get(p, "maeTolerance", JobParameters.decimal(0, 10), maeTolerance),
                JobParameters.get(p, "coverageTolerance", JobParameters.decimal(0, 1), coverageTolerance),
                JobParameters.get(p, "minTop3HitRate", JobParameters.decimal(0, 1), minTop3HitRate),
                JobParameters.get(p, "retentionDays", JobParameters.integer(1, JobParameters.MAX_RETENTION_DAYS),
                        (long) retentionDays)
                        .intValue(),
                JobParameters.get(p, "retentionDryRun", JobParameters::bool, retentionDryRun),
                // a drill is per run only: no configuration key, so the schedule never degrades
                JobParameters.get(p, "degrade", Degradation::parse, Degradation.NONE), scope);
        return new Checked(month, settings);
    }

    private ExtractScope configuredExtract() {
        try {
            return ExtractScope.parse(extract);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("routingml.retrain.extract has an invalid value '" + extract + "': "
                    + e.getMessage(), e);
        }
    }

    /** Where the {@code training_dataset_YYYYMM/} directories go; per-run {@code datasetDir}s stay inside it. */
    Path datasetRoot() {
        return Path.of(datasetDir.filter(s -> !s.isBlank()).orElse(storage.dataDir().resolve("datasets").toString()))
                .toAbsolutePath().normalize();
    }

    /**
     * Where per-run Access files must be: {@code routingml.retrain.access-file-dir}, else the configured file's
     * directory.
     */
    Path accessFileRoot() {
        return accessFileDir.filter(s -> !s.isBlank()).map(Path::of).orElseGet(() -> access.file().getParent())
                .toAbsolutePath().normalize();
    }

    /**
     * A per-run Access file (job parameter {@code accessFile}, admin only, never from the schedule):
     * retrain from a copy, e.g. a snapshot taken off the live share, or prove how the job fails on
     * a broken file without touching the configured one. Inside {@link #accessFileRoot()}, and named
     * like an Access file, so a typo does not read something else and no caller reads whatever the
     * server's user can; and a readable Access database with the views and columns the extract reads
     * ({@link AccessSchema}: its catalog only, no rows), so a missing, truncated or foreign file is
     * refused before the run starts rather than failing it.
     */
    Path perRunAccessFile(String s) {
        Path p = JobParameters.inside(accessFileRoot(), "routingml.retrain.access-file-dir").apply(s);
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".accdb") && !name.endsWith(".mdb")) {
            throw new IllegalArgumentException("not an .accdb or .mdb file");
        }
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file");
        }
        AccessSchema.Finding f;
        try {
            f = AccessSchema.check(p);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable Access database (" + e.getMessage() + ")");
        }
        if (!f.complete()) {
            throw new IllegalArgumentException("lacks what the extract reads: " + String.join(", ", f.missing()));
        }
        return p;
    }
}
