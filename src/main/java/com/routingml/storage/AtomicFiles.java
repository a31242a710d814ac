package com.routingml.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file writes: content goes to a synced temporary sibling that is then renamed over the
 * target in one atomic step, so a reader (or a restart after {@code kill -9}) sees the old file or
 * the new one, never half of one.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content} (UTF-8) atomically.
     *
     * @throws IOException when writing fails or the file system cannot rename atomically
     */
    public static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            fsync(tmp);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists.
     *
     * @throws IOException naming the directory when its file system cannot rename atomically
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the directory " + to.getParent() + " does not support atomic rename", e);
        }
    }

    /** Forces a written file's content to the storage device. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
