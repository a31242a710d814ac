package com.routingml.retrain.dataset;

import com.routingml.model.ModelStore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which training datasets retention deletes under a dataset root: every
 * {@code training_dataset_YYYYMM/} older than the cutoff, and every leftover
 * {@code training_dataset_YYYYMM.stale-<time>/} (a directory moved aside is never read again),
 * except a dataset a protected model was trained from - the active and the previous model, found
 * by the SHA-256 of the manifest their provenance records, so a dataset moved aside is still
 * recognised - and any directory the caller protects (this run's own). Nothing else under the root
 * is touched.
 */
public final class DatasetRetention {

    private static final Pattern NAME = Pattern.compile("training_dataset_(\\d{6})(\\.stale-.+)?");

    private DatasetRetention() {
    }

    /**
     * One dataset directory.
     *
     * @param dir            its path
     * @param month          YYYYMM
     * @param stale          moved aside by a later run of the same month
     * @param age            when it was completed (its manifest), or last modified when incomplete
     * @param manifestSha256 SHA-256 of its {@code manifest.json}, {@code null} when it has none
     */
    public record Dataset(Path dir, String month, boolean stale, Instant age, String manifestSha256) {
    }

    /** A dataset to delete, and why. */
    public record Doomed(Dataset dataset, String reason) {
    }

    /** The dataset directories directly under {@code root} (none when it does not exist), oldest first. */
    public static List<Dataset> scan(Path root) throws IOException {
        List<Dataset> out = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                Matcher m = NAME.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path manifest = d.resolve(DatasetLayout.MANIFEST);
                String sha = null;
                Instant age;
                if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
                    sha = ModelStore.sha256(manifest);
                    age = completedAt(d, manifest);
                } else {
                    age = Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toInstant();
                }
                out.add(new Dataset(d, m.group(1), m.group(2) != null, age, sha));
            }
        }
        out.sort(Comparator.comparing(Dataset::age).thenComparing(x -> x.dir().getFileName().toString()));
        return out;
    }

    private static Instant completedAt(Path dir, Path manifest) throws IOException {
        try {
            Instant created = DatasetLayout.readManifest(dir).createdAt();
            if (created != null) {
                return created;
            }
        } catch (IOException | RuntimeException unreadable) {
            // an unreadable manifest: the file's own time is the best there is
        }
        return Files.getLastModifiedTime(manifest, LinkOption.NOFOLLOW_LINKS).toInstant();
    }

    /**
     * The datasets to delete, oldest first.
     *
     * @param cutoff         datasets completed before it are old
     * @param protectedShas  manifest SHA-256s of the datasets the active and the previous model were trained from
     * @param protectedDirs  directories never deleted (this run's dataset)
     */
    public static List<Doomed> select(List<Dataset> all, Instant cutoff, Collection<String> protectedShas,
                                      Collection<Path> protectedDirs) {
        Set<String> shas = protectedShas.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        Set<Path> dirs = protectedDirs.stream().filter(Objects::nonNull).map(p -> p.toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        List<Doomed> out = new ArrayList<>();
        for (Dataset d : all) {
            if (dirs.contains(d.dir().toAbsolutePath().normalize()) || (d.manifestSha256() != null
                    && shas.contains(d.manifestSha256()))) {
                continue;
            }
            if (d.stale()) {
                out.add(new Doomed(d, "moved aside by a later run of " + d.month() + "; never read again"));
            } else if (d.age().isBefore(cutoff)) {
                out.add(new Doomed(d, (d.manifestSha256() == null ? "incomplete, last written " : "completed ")
                        + d.age()
                        + ", before the retention cutoff " + cutoff));
            }
        }
        return out;
    }

    /**
     * Selects the datasets under {@code root} to delete ({@link #select}) and deletes them, unless
     * {@code dryRun}.
     *
     * @return the selected datasets, deleted or (in a dry run) not
     */
    public static List<Doomed> apply(Path root, Instant cutoff, Collection<String> protectedShas,
            Collection<Path> protectedDirs,
                                     boolean dryRun) throws IOException {
        List<Doomed> doomed = select(scan(root), cutoff, protectedShas, protectedDirs);
        if (!dryRun) {
            for (Doomed d : doomed) {
                delete(d.dataset().dir());
            }
        }
        return doomed;
    }

    /** Deletes a dataset directory and everything in it, following no symbolic link. */
    public static void delete(Path dir) throws IOException {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // deleted meanwhile: nothing left to do
        }
    }
}
