package com.routingml.access;

import com.routingml.sample.SampleDatabaseGenerator;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingDataLoader;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.DatabaseBuilder;
import io.github.spannm.jackcess.DateTimeType;
import io.github.spannm.jackcess.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a real generated .accdb through UCanAccess, as training and look-ups do. */
class AccessRepositoryTest {

    @TempDir
    static Path dir;
    static Path file;
    static SampleDatabaseGenerator.Summary summary;
    static final RoutingValidity ON_THE_SAMPLES_DAY = RoutingValidity.on(SampleDatabaseGenerator.DEFAULT_AS_OF);

    @BeforeAll
    static void generate() throws Exception {
        file = dir.resolve("small.accdb");
        summary = SampleDatabaseGenerator.generate(file, new SampleDatabaseGenerator.Options(7, 400, 20, false));
    }

    @Test
    void itemsAndRoutingsMatchWhatWasWritten() throws Exception {
        try (Connection c = AccessRepository.open(file)) {
            List<Item> items = AccessRepository.loadItems(c);
            assertEquals(summary.items(), items.size());
            Item any = items.get(0);
            assertTrue(any.attributes().keySet().stream().allMatch(k -> k.equals(k.toUpperCase(java.util.Locale.ROOT))),
                    "canonical upper-case keys: " + any.attributes().keySet());
            assertFalse(any.attributes().containsKey("ITEM_CD"), "the code is not an attribute");
            assertTrue(items.stream().allMatch(i -> i.attributes().values().stream()
                    .noneMatch(v -> v instanceof String s && s.isBlank())));
            assertTrue(items.stream().anyMatch(i -> i.get("OUTDIAMETER") instanceof Double));

            Map<String, List<Routing>> routings = AccessRepository.loadRoutings(c, ON_THE_SAMPLES_DAY);
            assertEquals(summary.itemsWithValidRouting(), routings.size());
            for (List<Routing> rs : routings.values()) {
                for (Routing r : rs) {
                    for (int i = 1; i < r.operations().size(); i++) {
                        assertTrue(r.operations().get(i).procSeq() > r.operations().get(i - 1).procSeq(),
                                "PROC_SEQ ordered");
                    }
                    assertTrue(r.insertedAt() != null);
                }
            }
            String code = routings.keySet().iterator().next();
            assertEquals(code, AccessRepository.findItem(c, code).orElseThrow().itemCode());
            assertTrue(AccessRepository.findItem(c, "NO-SUCH-ITEM").isEmpty());
            assertTrue(AccessRepository.findItem(c, "x' OR '1'='1").isEmpty(), "parameters, not string concatenation");
        }
    }

    /**
     * Routings are read as in force on a day, row by row, compared with the rows as Jackcess reads
     * them from the file: on the sample's day none of the expired or future ones, and each routing's
     * last day in force is its earliest VALID_TO_DT; half a year later the planned ones are in force.
     */
    @Test
    void onlyRoutingRowsInForceOnTheDayAreReadAndARoutingKnowsItsLastDay() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Database db = new DatabaseBuilder(file).withReadOnly(true).open()) {
            db.setDateTimeType(DateTimeType.LOCAL_DATE_TIME);
            for (Row r : db.getTable(AccessRepository.ROUTING_VIEW)) {
                rows.add(new HashMap<>(r));
            }
        }
        LocalDate later = SampleDatabaseGenerator.DEFAULT_AS_OF.plusDays(SampleDatabaseGenerator.PLANNED_MAX_DAYS + 1);
        for (RoutingValidity validity : List.of(ON_THE_SAMPLES_DAY, RoutingValidity.on(later))) {
            Map<String, LocalDate> expected = new TreeMap<>(); // ITEM_CD|ROUT_NO -> earliest VALID_TO_DT
            int inForce = 0;
            for (Map<String, Object> r : rows) {
                LocalDateTime from = (LocalDateTime) r.get("VALID_FROM_DT");
                LocalDateTime to = (LocalDateTime) r.get("VALID_TO_DT");
                boolean valid = !from.toLocalDate().isAfter(validity.day())
                        && !to.toLocalDate().isBefore(validity.day());
                if (valid) {
                    inForce++;
                    String routing = r.get("ITEM_CD") + "|" + r.get("ROUT_NO");
                    expected.merge(routing, to.toLocalDate(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            Map<String, LocalDate> read = new TreeMap<>();
            int readRows = 0;
            try (Connection c = AccessRepository.open(file)) {
                for (List<Routing> rs : AccessRepository.loadRoutings(c, validity).values()) {
                    for (Routing r : rs) {
                        read.put(r.itemCode() + "|" + r.routingNo(), r.validUntil());
                        readRows += r.operations().size();
                    }
                }
            }
            assertEquals(expected, read, "routings in force on " + validity.day());
            assertEquals(inForce, readRows);
            assertTrue(inForce < rows.size(), "some rows are not in force on " + validity.day());
        }
        assertTrue(rows.stream().anyMatch(r -> ((String) r.get("ROUT_NO")).startsWith("B#9")),
                "the sample has planned routings");
    }

    @Test
    void trainingDataCarriesTheFileHashTheDayAndAllColumns() throws Exception {
        TrainingData d = TrainingDataLoader.fromAccess(file, ON_THE_SAMPLES_DAY);
        assertEquals(64, d.sha256().length());
        assertEquals(ON_THE_SAMPLES_DAY.day(), d.validOn());
        assertEquals(summary.itemsWithValidRouting(), d.routings().size());
        assertTrue(d.columns().containsAll(List.of("ITEM_CD", "PART_TYPE", "SEALTYPEGRUP", "RAW_MATL_KINDNM")),
                d.columns().toString());
    }

    @Test
    void missingOrForeignFilesFailWithTheirPath() throws Exception {
        SQLException missing = assertThrows(SQLException.class, () -> AccessRepository.open(dir.resolve("nope.accdb")));
        assertTrue(missing.getMessage().contains("nope.accdb"), missing.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.accdb"), "this is not an Access database");
        SQLException foreign = assertThrows(SQLException.class, () -> {
            try (Connection c = AccessRepository.open(junk)) {
                AccessRepository.loadItems(c);
            }
        });
        assertTrue(foreign.getMessage().contains("junk.accdb"), foreign.getMessage());
        assertTrue(foreign.getMessage().contains("not a readable Access database"), foreign.getMessage());
    }

    @Test
    void aFileJackcessCannotParseIsCalledNotAReadableAccessDatabase() throws Exception {
        // random bytes, an empty file, and the first pages of a real file (a copy cut short)
        Path random = Files.write(dir.resolve("random.accdb"), new java.util.Random(5).ints(50_000)
                .mapToObj(Integer::toString)
                .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append).toString().getBytes());
        Path empty = Files.write(dir.resolve("empty.accdb"), new byte[0]);
        Path cut = dir.resolve("cut.accdb");
        try (var in = Files.newInputStream(file)) {
            Files.write(cut, in.readNBytes(64 * 1024));
        }
        for (Path p : List.of(random, empty, cut)) {
            SQLException e = assertThrows(SQLException.class, () -> AccessRepository.open(p).close());
            assertTrue(e.getMessage().startsWith("cannot open Access database " + p.toAbsolutePath()
                    + ": not a readable Access database ("), e.getMessage());
            assertFalse(e.getMessage().contains("UCAExc"), "the driver's prefix is dropped: " + e.getMessage());
        }
    }

    @Test
    void otherOpenFailuresKeepTheDriversReason() {
        SQLException hsqldb = new SQLException("UCAExc:::5.1.5 java.io.IOException: No space left on device");
        hsqldb.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("org.hsqldb.persist.DataFileCache", "open", null, 1)});
        assertEquals("cannot open Access database /x/erp.accdb: java.io.IOException: No space left on device",
                AccessRepository.openFailure(Path.of("/x/erp.accdb"), hsqldb));
        java.io.IOException parse = new java.io.IOException("Unsupported newer version: 107");
        parse.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("io.github.spannm.jackcess.impl.JetFormat", "getFormat", null, 313)});
        assertEquals("cannot open Access database /x/erp.accdb: not a readable Access database "
                + "(Unsupported newer version: 107)",
                AccessRepository.openFailure(Path.of("/x/erp.accdb"),
                        new SQLException("UCAExc:::5.1.5 Unsupported newer version: 107", parse)));
    }
}
