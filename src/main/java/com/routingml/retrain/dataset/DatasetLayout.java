package com.routingml.retrain.dataset;

import com.routingml.storage.AtomicFiles;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk layout of one training dataset, {@code <root>/training_dataset_YYYYMM/}:
 * {@code part-NNNNN.parquet} files (each written under a temporary name and renamed when complete),
 * an {@code .owner} file naming the job instance writing it, and {@code manifest.json} once complete.
 *
 * <p>Rules: a job instance only ever appends to a directory it owns; a directory of the same month
 * left by another instance (complete or not) is moved aside as {@code .stale-<time>}, never reused.
 */
public final class DatasetLayout {

    public static final String MANIFEST = "manifest.json";
    public static final String OWNER = ".owner";
    private static final Pattern PART = Pattern.compile("part-(\\d{5})\\.parquet");
    private static final Pattern MONTH = Pattern.compile("\\d{6}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(DatasetLayout.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    private final Path dir;

    public DatasetLayout(Path root, String month) {
        if (month == null || !MONTH.matcher(month).matches()) {
            throw new IllegalArgumentException("dataset month must be YYYYMM, was '" + month + "'");
        }
        this.dir = root.resolve("training_dataset_" + month).toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public static String partName(int index) {
        return String.format(Locale.ROOT, "part-%05d.parquet", index);
    }

    public Path part(int index) {
        return dir.resolve(partName(index));
    }

    /**
     * Prepares the directory for a first run of {@code instanceId} (no checkpoint): a directory
     * written by another instance is moved aside (logged), one of this instance is emptied.
     */
    public void prepareFresh(long instanceId) throws IOException {
        if (Files.exists(dir)) {
            if (owner() == instanceId) {
                LOG.info(() -> "dataset " + dir + ": discarding uncommitted parts of job instance " + instanceId);
                deleteContents();
            } else {
                Path aside = dir.resolveSibling(dir.getFileName() + ".stale-" + STAMP.format(Instant.now()));
                LOG.warning(() -> "dataset " + dir + " exists from an earlier run ("
                        + (Files.exists(dir.resolve(MANIFEST)) ? "complete" : "incomplete")
                        + ", job instance " + ownerText() + "); not reused: moved to " + aside);
                AtomicFiles.move(dir, aside);
            }
        }
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(OWNER), Long.toString(instanceId));
    }

    /**
     * Prepares the directory for a restart of {@code instanceId} after {@code committedParts} parts
     * were committed: later parts and temporary files (written after the last checkpoint) go.
     *
     * @throws IOException when the directory is missing or belongs to another instance
     */
    public void prepareRestart(long instanceId, int committedParts) throws IOException {
        if (!Files.isDirectory(dir) || owner() != instanceId) {
            throw new IOException("cannot resume dataset " + dir + ": it is missing or not written by job instance "
                    + instanceId + " (owner: " + ownerText() + ")");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                Matcher m = PART.matcher(name);
                boolean uncommitted = (m.matches() && Integer.parseInt(m.group(1)) >= committedParts)
                        || name.endsWith(".tmp") || name.equals(MANIFEST);
                if (uncommitted) {
                    LOG.info(() -> "dataset " + dir + ": removing " + name + " (after the last checkpoint)");
                    Files.delete(f);
                }
            }
        }
        for (int i = 0; i < committedParts; i++) {
            if (!Files.isRegularFile(part(i))) {
                throw new IOException("cannot resume dataset " + dir + ": committed part " + partName(i)
                        + " is missing");
            }
        }
    }

    /** Writes a part: a temporary file first, renamed into place when complete and synced. */
    public Path writePart(int index, org.apache.avro.Schema schema,
                          org.apache.parquet.hadoop.metadata.CompressionCodecName codec,
                          List<ExtractRow> rows) throws IOException {
        Path target = part(index);
        Path tmp = dir.resolve(partName(index) + ".tmp");
        ParquetParts.write(tmp, schema, codec, rows);
        AtomicFiles.move(tmp, target);
        return target;
    }

    /** The committed part files, in order. */
    public List<Path> parts() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "part-*.parquet")) {
            for (Path f : files) {
                if (PART.matcher(f.getFileName().toString()).matches()) {
                    out.add(f);
                }
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    public void writeManifest(DatasetManifest m) throws IOException {
        AtomicFiles.write(dir.resolve(MANIFEST), JSONB.toJson(m));
    }

    /**
     * @throws IOException when the dataset has no manifest (incomplete) or it cannot be read
     */
    public DatasetManifest readManifest() throws IOException {
        return readManifest(dir);
    }

    /**
     * The manifest of the dataset in {@code dir}, whatever the directory is called (a dataset moved
     * aside keeps its manifest).
     *
     * @throws IOException when the dataset has no manifest (incomplete) or it cannot be read
     */
    public static DatasetManifest readManifest(Path dir) throws IOException {
        Path f = dir.resolve(MANIFEST);
        try {
            DatasetManifest m = JSONB.fromJson(Files.readString(f, StandardCharsets.UTF_8), DatasetManifest.class);
            if (m.formatVersion() < DatasetManifest.OLDEST_FORMAT_VERSION
                    || m.formatVersion() > DatasetManifest.FORMAT_VERSION) {
                throw new IOException("dataset " + dir + " has manifest format " + m.formatVersion()
                        + "; this build reads " + DatasetManifest.OLDEST_FORMAT_VERSION + " to "
                        + DatasetManifest.FORMAT_VERSION);
            }
            return m;
        } catch (NoSuchFileException e) {
            throw new IOException("dataset " + dir + " is incomplete: no " + MANIFEST, e);
        } catch (JsonbException e) {
            throw new IOException("dataset " + dir + ": unreadable " + MANIFEST + ": " + e.getMessage(), e);
        }
    }

    long owner() {
        try {
            return Long.parseLong(Files.readString(dir.resolve(OWNER), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private String ownerText() {
        long o = owner();
        return o < 0 ? "unknown" : Long.toString(o);
    }

    private void deleteContents() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.delete(f);
            }
        }
    }

}
