package com.routingml.health;

import com.routingml.access.AccessDatabase;
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
import java.util.Map;

/**
 * The Access file is readable: it exists, is a regular file, and its header can be read and names
 * an Access (ACE or Jet) database. Reads 20 bytes; never opens a UCanAccess connection, which would
 * load the whole file into memory.
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

    @Override
    public DependencyState check() {
        return probe(access.file());
    }

    /** Checks one file (package-visible for tests). */
    static DependencyState probe(Path file) {
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
            return DependencyState.up("readable " + (signature.equals(ACE) ? "ACE (.accdb)" : "Jet (.mdb)") + " database",
                    Map.of("file", file.toString(), "size_bytes", size));
        } catch (NoSuchFileException e) {
            return DependencyState.down("Access file " + file + " is missing", where);
        } catch (IOException | SecurityException e) {
            return DependencyState.down("Access file " + file + " cannot be read: " + e, where);
        }
    }
}
