package com.routingml.bench;

import com.routingml.access.AccessSchema;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Times {@link AccessSchema#check}, the Access health check's and a per-run {@code accessFile}'s
 * schema read (catalog and table definitions through Jackcess, no rows), a few times in one JVM:
 * the first includes class loading and a cold page cache.
 *
 * <pre>
 * java -cp target/bench/benchmarks.jar com.routingml.bench.AccessSchemaProbe /tmp/prod.accdb 5
 * </pre>
 */
public final class AccessSchemaProbe {

    private AccessSchemaProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AccessSchemaProbe <file.accdb> <repetitions>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            long t0 = System.nanoTime();
            AccessSchema.Finding f = AccessSchema.check(file);
            System.out.printf(Locale.ROOT, "%s: check %d %.1f ms, complete %s %s%n", file, i + 1,
                    (System.nanoTime() - t0) / 1e6,
                    f.complete(), f.missing());
        }
    }
}
