package com.routingml.retrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict parsing of the retraining job's parameters, whichever way the job is submitted: every
 * value is checked for form and range before anything starts, and a bad one is refused with a
 * message that names the parameter and shows the value. Numbers are ASCII only (no full-width
 * digits, no exponent for integers, no {@code NaN}), months are {@code YYYYMM} of a real month that
 * has begun, paths stay inside their configured roots.
 */
public final class JobParameters {

    /** Job parameters a caller may set for one run. */
    public static final Set<String> NAMES = Set.of("month", "maxRows", "minRows", "chunkSize", "codec",
            "throttleMillis", "transactionTimeout", "rateTolerance", "maeTolerance", "coverageTolerance",
            "minTop3HitRate", "retentionDays", "retentionDryRun", "datasetDir", "degrade", "accessFile", "extract");
    /** Set by the application itself when it starts a run (never by a caller of {@code POST /api/retrain}). */
    public static final Set<String> INTERNAL = Set.of("trigger", RetrainLauncher.APPROVAL);

    /** Parquet codecs the server can write with the libraries it ships (others need native code it lacks). */
    public static final Set<String> CODECS = Set.of("UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW");
    /** Earliest dataset month accepted. */
    static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    /** Most rows one run may extract. */
    public static final long MAX_ROWS = 100_000_000L;
    /** Longest retention. */
    public static final int MAX_RETENTION_DAYS = 3650;

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern MONTH = Pattern.compile("[0-9]{6}");
    private static final int SHOWN = 80;

    private JobParameters() {
    }

    /**
     * The value of a parameter parsed by {@code parse}, or {@code fallback} when it is absent.
     *
     * @throws IllegalArgumentException "job parameter NAME has an invalid value 'V': REASON"
     */
    static <T> T get(Properties p, String name, Function<String, T> parse, T fallback) {
        String v = p == null ? null : p.getProperty(name);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("job parameter " + name + " has an invalid value " + shown(v) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Refuses names that are neither {@link #NAMES} nor, when allowed, {@link #INTERNAL}. */
    static void checkNames(Properties p, boolean internalAllowed) {
        for (String name : p.stringPropertyNames()) {
            if (!NAMES.contains(name) && !(internalAllowed && INTERNAL.contains(name))) {
                throw new IllegalArgumentException("unknown job parameter " + shown(name) + "; allowed: "
                        + new java.util.TreeSet<>(NAMES));
            }
        }
    }

    /** An integer in [min, max], ASCII digits only. */
    static Function<String, Long> integer(long min, long max) {
        return s -> {
            String t = s.strip();
            if (!INTEGER.matcher(t).matches()) {
                throw new IllegalArgumentException("not a whole number written with the digits 0-9");
            }
            long v = Long.parseLong(t);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be from " + min + " to " + max);
            }
            return v;
        };
    }

    /** A decimal number in [min, max], ASCII digits and an optional fraction only. */
    static Function<String, Double> decimal(double min, double max) {
        return s -> {
            String t = s.strip();
            if (!DECIMAL.matcher(t).matches()) {
                throw new IllegalArgumentException("not a decimal number such as 0.05");
            }
            double v = Double.parseDouble(t);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be from " + plain(min) + " to " + plain(max));
            }
            return v;
        };
    }

    /** {@code true} or {@code false}. */
    static boolean bool(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException("not true or false");
    }

    /** One of {@link #CODECS}, in any case. */
    static String codec(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        if (!CODECS.contains(t)) {
            throw new IllegalArgumentException("not a Parquet codec this server writes; use one of "
                    + new java.util.TreeSet<>(CODECS));
        }
        return t;
    }

    /**
     * A dataset month {@code YYYYMM}: six ASCII digits naming a real month from {@link #FIRST_MONTH}
     * to {@code latest} (a dataset is named for the month it is taken in, never a later one).
     */
    static Function<String, String> month(YearMonth latest) {
        return s -> {
            String t = s.strip();
            if (!MONTH.matcher(t).matches()) {
                throw new IllegalArgumentException("not a month written YYYYMM with the digits 0-9, e.g. "
                        + latest.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM")));
            }
            int m = Integer.parseInt(t.substring(4));
            if (m < 1 || m > 12) {
                throw new IllegalArgumentException("month " + t.substring(4) + " does not exist");
            }
            YearMonth ym = YearMonth.of(Integer.parseInt(t.substring(0, 4)), m);
            if (ym.isBefore(FIRST_MONTH) || ym.isAfter(latest)) {
                throw new IllegalArgumentException("must be from " + fmt(FIRST_MONTH) + " to the current month "
                        + fmt(latest));
            }
            return t;
        };
    }

    /**
     * A path inside {@code root}: relative paths resolve against it; after normalisation, and
     * after following any symbolic link that exists on the way, it must still lie inside it.
     *
     * @param rootKey the configuration key of the root, named in the message
     */
    static Function<String, Path> inside(Path root, String rootKey) {
        return s -> {
            String t = s.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            Path r = root.toAbsolutePath().normalize();
            Path p;
            try {
                p = Path.of(t);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path (" + e.getReason() + ")");
            }
            Path resolved = (p.isAbsolute() ? p : r.resolve(p)).normalize();
            String outside = "must lie inside " + r + " (" + rootKey + ")";
            if (!resolved.startsWith(r)) {
                throw new IllegalArgumentException(outside);
            }
            if (!withinAfterLinks(resolved, r)) {
                throw new IllegalArgumentException(outside + "; a symbolic link leads out of it");
            }
            return resolved;
        };
    }

    /** Whether the deepest existing ancestor of {@code p}, links followed, is still inside {@code root}'s real path. */
    private static boolean withinAfterLinks(Path p, Path root) {
        if (!Files.exists(root)) {
            return true; // nothing inside a missing root exists, so no link can lead out of it
        }
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing != null && existing.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The value as a message shows it: quoted, control characters escaped, cut after {@value #SHOWN} characters. */
    public static String shown(String v) {
        StringBuilder b = new StringBuilder("'");
        v.codePoints().limit(SHOWN).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        b.append('\'');
        if (v.codePointCount(0, v.length()) > SHOWN) {
            b.append("… (").append(v.length()).append(" characters)");
        }
        return b.toString();
    }

    private static String fmt(YearMonth m) {
        return m.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM"));
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The names, sorted, for messages. */
    static String names(Set<String> names) {
        return Arrays.toString(names.stream().sorted().toArray());
    }
}
