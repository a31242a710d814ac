package com.routingml.health;

import com.routingml.access.AccessDatabase;
import com.routingml.access.AccessSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * The Access file is usable: it exists, is a regular file, its header names an Access (ACE or Jet)
 * database, and it holds the views and columns the application reads ({@link AccessSchema}: read
 * from the file's catalog with Jackcess, again only when the file changes). Never opens a UCanAccess
 * connection, which would copy the whole file.
 */
@ApplicationScoped
public class AccessFileCheck implements DependencyCheck {

    static final int SIGNATURE_OFFSET = 4;
    static final String ACE = "Standard ACE DB";
    static final String JET = "Standard Jet DB";

    @Inject
    AccessDatabase access;

    @Override
    public String name() {
        return "access_database";
    }

    /** Predictions by attributes still work without the item master; look-ups by ITEM_CD do not. */
    @Override
    public boolean degradesOnly() {
        return true;
    }

    /** The last schema check, reused while the file's size and modification time stay the same. */
    private volatile Checked last;

    private record Checked(Path file, long size, FileTime modified, DependencyState state) {
    }

    @Override
    public DependencyState check() {
        Path file = access.file();
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Checked c = last;
            if (c != null && c.file().equals(file) && c.size() == a.size()
                    && c.modified().equals(a.lastModifiedTime())) {
                return c.state();
            }
            DependencyState s = probe(file);
            last = new Checked(file, a.size(), a.lastModifiedTime(), s);
            return s;
        } catch (IOException | SecurityException e) {
            return probe(file); // missing or unreadable: the probe says which
        }
    }

    /** Checks one file: header, then schema (package-visible for tests). */
    static DependencyState probe(Path file) {
        DependencyState header = header(file);
        if (!header.up()) {
            return header;
        }
        Map<String, Object> data = new java.util.LinkedHashMap<>(header.data());
        try {
            AccessSchema.Finding f = AccessSchema.check(file);
            if (!f.unchecked().isEmpty()) {
                data.put("saved_queries_not_checked", String.join(", ", f.unchecked()));
            }
            if (!f.complete()) {
                data.put("missing", String.join(", ", f.missing()));
                String holds = f.tables().isEmpty() ? "no tables or queries" : String.join(", ", f.tables());
                return DependencyState.down("Access file " + file + " lacks what the application reads: "
                        + String.join(", ", f.missing()) + " (it holds " + holds + ")", data);
            }
            return DependencyState.up(header.detail() + " with " + String.join(" and ",
                    AccessSchema.REQUIRED.keySet()), data);
        } catch (IOException | RuntimeException e) {
            return DependencyState.down("Access file " + file + " cannot be read as an Access database: "
                    + e.getMessage(), data);
        }
    }

    /** Checks one file's header only: present, regular, an ACE or Jet signature. */
    static DependencyState header(Path file) {
        Map<String, Object> where = Map.of("file", file.toString());
        if (!Files.isRegularFile(file)) {
            return DependencyState.down("Access file " + file + " is missing or not a regular file", where);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(SIGNATURE_OFFSET + ACE.length());
            while (header.hasRemaining() && ch.read(header) > 0) {
                // read the whole header
            }
            if (header.hasRemaining()) {
                return DependencyState.down("Access file " + file + " is truncated (" + size + " bytes)", where);
            }
            String signature = new String(header.array(), SIGNATURE_OFFSET, ACE.length(), StandardCharsets.US_ASCII);
            if (!signature.equals(ACE) && !signature.equals(JET)) {
                return DependencyState.down("Access file " + file + " has no Access header (found '"
                        + signature.replaceAll("\\p{Cntrl}", "?") + "')", where);
            }
            return DependencyState.up(
                    "readable " + (signature.equals(ACE) ? "ACE (.accdb)" : "Jet (.mdb)") + " database",
                    Map.of("file", file.toString(), "size_bytes", size));
        } catch (NoSuchFileException e) {
            return DependencyState.down("Access file " + file + " is missing", where);
        } catch (IOException | SecurityException e) {
            return DependencyState.down("Access file " + file + " cannot be read: " + e, where);
        }
    }
}
