package com.routingml.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file-level checks readiness caches: Access header and the served version in the model store. */
class DependencyChecksTest {

    @TempDir
    Path dir;

    @Test
    void accessFileWithAceHeaderIsUp() throws Exception {
        Path f = dir.resolve("x.accdb");
        Files.write(f, header("Standard ACE DB"));
        DependencyState s = AccessFileCheck.probe(f);
        assertTrue(s.up(), s.detail());
        assertEquals(44L, s.data().get("size_bytes"));
        assertTrue(AccessFileCheck.probe(write("y.mdb", header("Standard Jet DB"))).up());
    }

    @Test
    void missingTruncatedOrForeignAccessFileIsDown() throws Exception {
        DependencyState missing = AccessFileCheck.probe(dir.resolve("none.accdb"));
        assertFalse(missing.up());
        assertTrue(missing.detail().contains("none.accdb is missing"), missing.detail());
        DependencyState truncated = AccessFileCheck.probe(write("t.accdb", new byte[] {0, 1, 0, 0, 'S'}));
        assertFalse(truncated.up());
        assertTrue(truncated.detail().contains("truncated (5 bytes)"), truncated.detail());
        DependencyState foreign = AccessFileCheck.probe(write("f.accdb", "PK\u0003\u0004 this is a zip, not Access".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(foreign.up());
        assertTrue(foreign.detail().contains("no Access header"), foreign.detail());
        assertFalse(AccessFileCheck.probe(dir).up(), "a directory is not a database");
    }

    @Test
    void servedVersionIntactInStoreIsUp() throws Exception {
        Path v = Files.createDirectories(dir.resolve("v1"));
        Files.writeString(v.resolve("model.json"), "{}");
        Files.writeString(v.resolve("index.bin"), "x");
        Files.writeString(dir.resolve("active"), "v1\n");
        DependencyState s = ActiveModelCheck.probe(dir, "v1");
        assertTrue(s.up(), s.detail());
        assertEquals("v1", s.data().get("active_pointer"));

        Files.delete(v.resolve("index.bin"));
        DependencyState noIndex = ActiveModelCheck.probe(dir, "v1");
        assertFalse(noIndex.up());
        assertTrue(noIndex.detail().contains("index.bin"), noIndex.detail());
        assertFalse(ActiveModelCheck.probe(dir, "v2").up(), "version directory missing");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] header(String signature) {
        byte[] b = new byte[44];
        b[1] = 1;
        byte[] s = signature.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 4, s.length);
        return b;
    }
}
