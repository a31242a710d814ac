package com.routingml.model;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Append-only record of deliberate switches of the active model (promotions by the retraining
 * job, rollbacks by an administrator): {@code <models>/history.jsonl}, one JSON object a line,
 * synced on append. A line that cannot be read (a torn last line after a crash) is skipped.
 */
public final class ActivationHistory {

    public static final String FILE = "history.jsonl";
    private static final Logger LOG = Logger.getLogger(ActivationHistory.class.getName());

    /** Kinds of switch. */
    public enum Kind { PROMOTION, ROLLBACK, ACTIVATION }

    /**
     * One switch.
     *
     * @param at       when
     * @param kind     promotion, rollback or other activation
     * @param version  the version made active
     * @param previous the version it replaced, or {@code null}
     * @param actor    who: a user name or the job
     * @param reason   why, in a sentence
     */
    public record Entry(Instant at, Kind kind, String version, String previous, String actor, String reason) {
    }

    private final Path file;
    private final Jsonb jsonb = JsonbBuilder.create();

    public ActivationHistory(Path modelsRoot) {
        this.file = modelsRoot.resolve(FILE);
    }

    public synchronized void append(Entry e) throws IOException {
        Files.createDirectories(file.getParent());
        String line = jsonb.toJson(e).replace('\n', ' ') + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    /** All entries, oldest first. */
    public synchronized List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            try {
                out.add(jsonb.fromJson(l, Entry.class));
            } catch (JsonbException ex) {
                LOG.warning("skipping unreadable line of " + file + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /**
     * The rollback target: the version that was active before {@code active}, per the latest
     * switch to {@code active}.
     */
    public Optional<String> previousOf(String active) throws IOException {
        List<Entry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            Entry e = all.get(i);
            if (e.version().equals(active)) {
                return Optional.ofNullable(e.previous()).filter(p -> !p.equals(active));
            }
        }
        return Optional.empty();
    }
}
