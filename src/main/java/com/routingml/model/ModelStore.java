package com.routingml.model;

import com.routingml.storage.AtomicFiles;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The model store: one immutable directory per version ({@code <root>/<version>/model.json} and
 * {@code index.bin}) and the {@code active} pointer file naming the served version.
 *
 * <p>A version is written into a temporary directory and renamed into place only when complete
 * and synced, so a crash mid-write leaves no half version. The pointer is replaced by an atomic
 * rename. Loading checks the format version and the index checksum, so a corrupt or foreign
 * version fails clearly and is never activated.
 */
public final class ModelStore {

    public static final String ACTIVE = "active";
    public static final String MODEL_JSON = "model.json";
    public static final String INDEX_BIN = "index.bin";
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(ModelStore.class.getName());

    private final Path root;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Whether {@code version} is a well-formed version id (also guards against path traversal). */
    public static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches() && !version.equals(ACTIVE);
    }

    /** A new, unused version id made from the time: {@code v20261125T184400Z}, suffixed when taken. */
    public synchronized String newVersionId(Instant now) {
        String base = "v" + ID_TIME.format(now);
        String id = base;
        for (int i = 2; Files.exists(root.resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /**
     * Writes a new version. Fails if the version exists: versions are immutable.
     *
     * @return the metadata as written (with the index checksum)
     */
    public ModelMetadata save(RoutingModel model) throws IOException {
        String version = model.version();
        requireValid(version);
        Files.createDirectories(root);
        Path target = root.resolve(version);
        if (Files.exists(target)) {
            throw new IOException("model version " + version + " already exists in " + root);
        }
        Path tmp = root.resolve(".tmp-" + version + "-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            MessageDigest sha = sha256();
            try (OutputStream f = Files.newOutputStream(tmp.resolve(INDEX_BIN));
                 DataOutputStream out = new DataOutputStream(
                         new BufferedOutputStream(new DigestOutputStream(f, sha), 1 << 16))) {
                ModelCodec.write(model, out);
            }
            ModelMetadata meta = model.metadata().withIndexSha256(HexFormat.of().formatHex(sha.digest()));
            Files.writeString(tmp.resolve(MODEL_JSON), jsonb.toJson(meta), StandardCharsets.UTF_8);
            AtomicFiles.fsync(tmp.resolve(INDEX_BIN));
            AtomicFiles.fsync(tmp.resolve(MODEL_JSON));
            AtomicFiles.move(tmp, target);
            LOG.info(() -> "saved model " + version + " (" + model.size() + " items) to " + target);
            return meta;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Reads a version's metadata only (cheap: no index). */
    public ModelMetadata readMetadata(String version) throws ModelFormatException {
        requireValid(version);
        Path file = root.resolve(version).resolve(MODEL_JSON);
        try {
            ModelMetadata meta = jsonb.fromJson(Files.readString(file, StandardCharsets.UTF_8), ModelMetadata.class);
            if (meta == null || meta.formatVersion() != Trainer.FORMAT_VERSION) {
                throw new ModelFormatException("model " + version + " has format "
                        + (meta == null ? "none" : meta.formatVersion())
                        + "; this build reads format " + Trainer.FORMAT_VERSION);
            }
            if (!version.equals(meta.version())) {
                throw new ModelFormatException("model directory " + version + " holds metadata of version "
                        + meta.version());
            }
            return meta;
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model " + version + " not found (no " + file + ")", e);
        } catch (IOException | JsonbException e) {
            throw new ModelFormatException("model " + version + ": unreadable " + MODEL_JSON + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Loads a whole version, verifying format and checksum. The checksum is checked before the
     * index is parsed, so any corruption reads as a checksum mismatch rather than as whatever the
     * parser trips over first.
     */
    public RoutingModel load(String version) throws ModelFormatException {
        ModelMetadata meta = readMetadata(version);
        Path file = root.resolve(version).resolve(INDEX_BIN);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException("model " + version + ": unreadable " + INDEX_BIN + ": " + e, e);
        }
        String actual = HexFormat.of().formatHex(sha256().digest(bytes));
        if (!actual.equals(meta.indexSha256())) {
            throw new ModelFormatException("model " + version + ": " + INDEX_BIN + " checksum " + actual
                    + " does not match " + MODEL_JSON + " (" + meta.indexSha256() + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return ModelCodec.read(meta, in);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("model " + version + ": corrupt " + INDEX_BIN + ": " + e, e);
        }
    }

    /** The version the active pointer names, if any. */
    public Optional<String> activeVersion() throws IOException {
        try {
            String v = Files.readString(root.resolve(ACTIVE), StandardCharsets.UTF_8).trim();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Points {@code active} at a version, atomically. The version is loaded and verified first, so a
     * corrupt version never becomes active.
     *
     * @return the verified model, ready to serve
     */
    public RoutingModel activate(String version) throws ModelFormatException, IOException {
        RoutingModel model = load(version);
        AtomicFiles.write(root.resolve(ACTIVE), version + "\n");
        LOG.info(() -> "activated model " + version);
        return model;
    }

    /** Metadata of all readable versions, newest first; unreadable ones are logged and skipped. */
    public List<ModelMetadata> list() throws IOException {
        List<ModelMetadata> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!isValidVersion(name)) {
                    continue;
                }
                try {
                    out.add(readMetadata(name));
                } catch (ModelFormatException e) {
                    LOG.warning("skipping model directory " + d + ": " + e.getMessage());
                }
            }
        }
        out.sort(Comparator.comparing(ModelMetadata::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ModelMetadata::version, Comparator.reverseOrder()));
        return out;
    }

    /**
     * Deletes a version: renamed away atomically first, so it is never seen half-deleted.
     *
     * @throws IOException when the version is the active one (never deleted) or cannot be removed
     */
    public void delete(String version) throws IOException {
        requireValid(version);
        if (activeVersion().filter(version::equals).isPresent()) {
            throw new IOException("model version " + version + " is active and cannot be deleted");
        }
        Path dir = root.resolve(version);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no model version " + version);
        }
        Path doomed = root.resolve(".tmp-deleted-" + version + "-" + UUID.randomUUID());
        AtomicFiles.move(dir, doomed);
        deleteQuietly(doomed);
        LOG.info(() -> "deleted model version " + version);
    }

    private static void requireValid(String version) {
        if (!isValidVersion(version)) {
            throw new IllegalArgumentException("invalid model version id: '" + version + "'");
        }
    }


    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not delete " + p, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not clean " + dir, e);
        }
    }
}
