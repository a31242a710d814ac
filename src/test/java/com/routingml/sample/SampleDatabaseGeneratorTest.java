package com.routingml.sample;

import com.routingml.sample.SampleDatabaseGenerator.Options;
import com.routingml.sample.SampleDatabaseGenerator.Summary;
import io.github.spannm.jackcess.Column;
import io.github.spannm.jackcess.DataType;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.DatabaseBuilder;
import io.github.spannm.jackcess.DateTimeType;
import io.github.spannm.jackcess.Row;
import io.github.spannm.jackcess.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generates real .accdb files and reads them back with Jackcess (and once with UCanAccess JDBC,
 * the way the application reads them). Expected column lists are spelled out here rather than
 * taken from {@link SampleSchema}, so a wrong schema enum fails the test.
 */
class SampleDatabaseGeneratorTest {

    private static final int ITEMS = 2_000;
    private static final int SHIFTED = 100;
    private static final Options OPTIONS = new Options(7, ITEMS, SHIFTED, true);

    private static final List<String> ITEM_COLUMNS = List.of(
            "ITEM_CD", "ITEM_NM", "PART_TYPE", "PartNm", "ITEM_SUFFIX", "ITEM_SPEC", "ADDITIONAL_SPEC",
            "ITEM_MATERIAL", "MATERIAL_DESC", "ITEM_ACCT", "ITEM_TYPE", "ITEM_UNIT", "ITEM_GRP1", "ITEM_GRP1NM",
            "STANDARD_YN", "GROUP1", "GROUP2", "RAW_MATL_KIND", "RAW_MATL_KINDNM", "DRAW_NO", "DRAW_REV",
            "DRAW_SHEET_NO", "OUTDIAMETER", "INDIAMETER", "OUTTHICKNESS", "OUTDIAMETER_UNIT", "ROTATE_CLOCKWISE",
            "ROTATE_CTRCLOCKWISE", "SealTypeGrup", "IN_SEALTYPE_CD", "MID_SEALTYPE_CD", "OUT_SEALTYPE_CD",
            "IN_SEALSIZE", "MID_SEALSIZE", "OUT_SEALSIZE", "IN_SEALSIZE_UOM", "MID_SEALSIZE_UOM",
            "OUT_SEALSIZE_UOM", "INSRT_DT");
    private static final List<String> ROUTING_COLUMNS = List.of(
            "ROUT_NO", "ITEM_CD", "ITEM_NM", "PROC_SEQ", "INSRT_DT", "JOB_CD", "JOB_NM", "RES_CD", "RES_DIS",
            "INSIDE_FLAG", "TIME_UNIT", "SETUP_TIME", "RUN_TIME", "QUEUE_TIME", "WAIT_TIME", "MOVE_TIME", "MFG_LT",
            "ACT_SETUP_TIME", "ACT_RUN_TIME", "RUN_TIME_QTY", "RUN_TIME_UNIT", "BP_CD", "CUST_NM", "CUR_CD",
            "SUBCONTRACT_PRC", "MILESTONE_FLG", "INSP_FLG", "ROUT_ORDER", "VALID_FROM_DT", "VALID_TO_DT", "REMARK",
            "ROUT_DOC", "NC_PROGRAM", "RAW_MATL_SIZE", "JAW_SIZE", "OP_DRAW_NO");
    private static final List<String> WORK_ORDER_COLUMNS = List.of(
            "ITEM_CD", "PROC_SEQ", "RES_CD", "JOB_CD", "REPORT_DT", "MACH_WORKED_HOURS", "SETUP_HOURS",
            "ORDER_QTY", "BAD_QTY", "ROUT_NO");

    private static final BigDecimal SENTINEL = new BigDecimal("9999");
    private static final LocalDateTime FIRST = LocalDateTime.of(2015, 1, 1, 0, 0);
    private static final LocalDateTime LAST = LocalDateTime.of(2025, 9, 30, 23, 59, 59);

    @TempDir
    static Path sharedDir;

    private static Path file;
    private static Summary summary;
    private static List<Map<String, Object>> items;
    private static List<Map<String, Object>> routings;
    private static List<Map<String, Object>> workOrders;
    private static Map<String, Map<String, DataType>> types;

    @BeforeAll
    static void generateOnce() throws IOException {
        file = sharedDir.resolve("sample.accdb");
        summary = SampleDatabaseGenerator.generate(file, OPTIONS);
        try (Database db = open(file)) {
            items = rows(db.getTable("dbo_BI_ITEM_INFO_VIEW"));
            routings = rows(db.getTable("dbo_BI_ROUTING_VIEW"));
            workOrders = rows(db.getTable("dbo_BI_WORK_ORDER_RESULTS"));
            types = new HashMap<>();
            for (Table table : db) {
                Map<String, DataType> columnTypes = new LinkedHashMap<>();
                for (Column column : table.getColumns()) {
                    columnTypes.put(column.getName(), column.getType());
                }
                types.put(table.getName(), columnTypes);
            }
        }
    }

    @Test
    void tablesHaveTheRealColumnsInOrderWithTheChosenTypes() {
        assertEquals(ITEM_COLUMNS, List.copyOf(types.get("dbo_BI_ITEM_INFO_VIEW").keySet()));
        assertEquals(ROUTING_COLUMNS, List.copyOf(types.get("dbo_BI_ROUTING_VIEW").keySet()));
        assertEquals(WORK_ORDER_COLUMNS, List.copyOf(types.get("dbo_BI_WORK_ORDER_RESULTS").keySet()));
        Map<String, DataType> item = types.get("dbo_BI_ITEM_INFO_VIEW");
        Map<String, DataType> routing = types.get("dbo_BI_ROUTING_VIEW");
        assertAll(
                () -> assertEquals(DataType.TEXT, item.get("ITEM_CD")),
                () -> assertEquals(DataType.NUMERIC, item.get("OUTDIAMETER")),
                () -> assertEquals(DataType.NUMERIC, item.get("MID_SEALSIZE")),
                () -> assertEquals(DataType.LONG, item.get("ROTATE_CTRCLOCKWISE")),
                () -> assertEquals(DataType.SHORT_DATE_TIME, item.get("INSRT_DT")),
                () -> assertEquals(DataType.LONG, routing.get("PROC_SEQ")),
                () -> assertEquals(DataType.DOUBLE, routing.get("RUN_TIME")),
                () -> assertEquals(DataType.SHORT_DATE_TIME, routing.get("INSRT_DT")));
    }

    @Test
    void rowCountsMatchTheSummary() {
        Set<String> routedItems = routings.stream().map(r -> (String) r.get("ITEM_CD")).collect(Collectors.toSet());
        assertAll(
                () -> assertEquals(ITEMS + SHIFTED, summary.items()),
                () -> assertEquals(summary.items(), items.size()),
                () -> assertEquals(SHIFTED, summary.shiftedItems()),
                () -> assertEquals(summary.routingRows(), routings.size()),
                () -> assertEquals(summary.itemsWithRouting(), routedItems.size()),
                () -> assertFalse(workOrders.isEmpty(), "work orders requested"));
    }

    @Test
    void keysAreUniqueAndRoutingsReferToItems() {
        Set<String> itemCodes = new HashSet<>();
        for (Map<String, Object> item : items) {
            assertTrue(itemCodes.add((String) item.get("ITEM_CD")), () -> "duplicate ITEM_CD " + item.get("ITEM_CD"));
        }
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> r : routings) {
            String key = r.get("ITEM_CD") + "|" + r.get("ROUT_NO") + "|" + r.get("PROC_SEQ");
            assertTrue(keys.add(key), () -> "duplicate routing key " + key);
            assertTrue(itemCodes.contains((String) r.get("ITEM_CD")), () -> "routing of unknown item " + key);
        }
    }

    @Test
    void procSeqRunsTenTwentyThirtyWithThreeToEightOperations() {
        Map<String, List<Integer>> sequences = new HashMap<>();
        for (Map<String, Object> r : routings) {
            sequences.computeIfAbsent(r.get("ITEM_CD") + "|" + r.get("ROUT_NO"), k -> new ArrayList<>())
                    .add((Integer) r.get("PROC_SEQ"));
        }
        sequences.forEach((routing, seqs) -> {
            seqs.sort(Comparator.naturalOrder());
            assertTrue(seqs.size() >= 3 && seqs.size() <= 8, () -> routing + " has " + seqs.size() + " operations");
            for (int k = 0; k < seqs.size(); k++) {
                assertEquals((k + 1) * 10, seqs.get(k), () -> routing + " PROC_SEQ " + seqs);
            }
        });
    }

    @Test
    void workOrderResultsFollowThePrimaryRouting() {
        Map<String, String> primaryOps = new HashMap<>();
        for (Map<String, Object> r : routings) {
            if (Integer.valueOf(1).equals(r.get("ROUT_ORDER"))) {
                primaryOps.put(r.get("ITEM_CD") + "|" + r.get("ROUT_NO") + "|" + r.get("PROC_SEQ"),
                        (String) r.get("JOB_CD"));
            }
        }
        for (Map<String, Object> w : workOrders) {
            String key = w.get("ITEM_CD") + "|" + w.get("ROUT_NO") + "|" + w.get("PROC_SEQ");
            assertEquals(primaryOps.get(key), w.get("JOB_CD"), () -> "work order row " + key);
            assertTrue((Integer) w.get("BAD_QTY") <= (Integer) w.get("ORDER_QTY"), () -> "bad > ordered at " + key);
            assertFalse(((LocalDateTime) w.get("REPORT_DT")).isAfter(LAST), key);
        }
        long itemsWithOrders = workOrders.stream().map(w -> w.get("ITEM_CD")).distinct().count();
        double share = itemsWithOrders / (double) summary.itemsWithRouting();
        assertTrue(share > 0.55 && share < 0.75, () -> "routed items with work orders " + share);
    }

    @Test
    void datesLieInRangeAndRoutingsAreNotOlderThanTheirItem() {
        Map<String, LocalDateTime> created = new HashMap<>();
        for (Map<String, Object> item : items) {
            LocalDateTime at = (LocalDateTime) item.get("INSRT_DT");
            assertTrue(!at.isBefore(FIRST) && !at.isAfter(LAST), () -> "item date " + at);
            created.put((String) item.get("ITEM_CD"), at);
        }
        for (Map<String, Object> r : routings) {
            LocalDateTime at = (LocalDateTime) r.get("INSRT_DT");
            assertTrue(!at.isAfter(LAST), () -> "routing date " + at);
            assertFalse(at.isBefore(created.get((String) r.get("ITEM_CD"))),
                    () -> "routing " + r.get("ITEM_CD") + " at " + at + " before its item");
        }
    }

    @Test
    void nullRatiosAreCloseToProduction() {
        List<Map<String, Object>> base = baseItems();
        assertAll(
                () -> assertNullShare(base, "SealTypeGrup", 0.84, 0.03),
                () -> assertNullShare(base, "RAW_MATL_KINDNM", 0.97, 0.015),
                () -> assertNullShare(base, "ROTATE_CTRCLOCKWISE", 0.76, 0.03),
                () -> assertNullShare(base, "MID_SEALSIZE", 0.16, 0.03),
                () -> assertNullShare(base, "ITEM_CD", 0.0, 0.0),
                () -> assertNullShare(base, "PART_TYPE", 0.0, 0.0));
    }

    @Test
    void dimensionsUseTheUnknownSentinelAndMostlyMillimetres() {
        List<Map<String, Object>> base = baseItems();
        for (String column : List.of("OUTDIAMETER", "INDIAMETER", "OUTTHICKNESS")) {
            double share = share(base, r -> SENTINEL.compareTo((BigDecimal) r.get(column)) == 0);
            assertTrue(share > 0.015 && share < 0.05, () -> column + " sentinel share " + share);
        }
        double inch = share(base, r -> "INCH".equals(r.get("OUTDIAMETER_UNIT")));
        double mm = share(base, r -> "MM".equals(r.get("OUTDIAMETER_UNIT")));
        assertTrue(inch > 0.02 && inch < 0.12, () -> "INCH share " + inch);
        assertEquals(1.0, inch + mm, 1e-9);
        // Inch values really are inches: no non-sentinel inch OD beyond the largest band (480 mm).
        assertTrue(base.stream().filter(r -> "INCH".equals(r.get("OUTDIAMETER_UNIT")))
                .map(r -> (BigDecimal) r.get("OUTDIAMETER"))
                .filter(od -> SENTINEL.compareTo(od) != 0)
                .allMatch(od -> od.doubleValue() < 480 / 25.4 + 0.01));
    }

    @Test
    void partTypesAreManyAndScaleWithItemCount() {
        assertEquals(424, SampleCatalog.partTypeCount(325_000, 16));
        int at20k = SampleCatalog.partTypeCount(20_000, 16);
        assertTrue(at20k >= 110 && at20k <= 130, () -> "PART_TYPE count at 20k " + at20k);
        long distinct = baseItems().stream().map(r -> r.get("PART_TYPE")).distinct().count();
        int target = SampleCatalog.partTypeCount(ITEMS, 16);
        assertTrue(distinct >= 0.8 * target && distinct <= target, () -> distinct + " distinct of " + target);
    }

    @Test
    void aboutThreeQuartersOfItemsAreRoutedAndAQuarterOfThoseTwice() {
        Map<String, Set<String>> routNos = new HashMap<>();
        for (Map<String, Object> r : routings) {
            routNos.computeIfAbsent((String) r.get("ITEM_CD"), k -> new HashSet<>()).add((String) r.get("ROUT_NO"));
        }
        double routed = routNos.size() / (double) ITEMS;
        // the primary (B#1) and the alternative (B#2); B#8 and B#9 are the expired and planned extras
        double twice = routNos.values().stream()
                .filter(s -> s.stream().filter(n -> n.matches("B#[12].*")).count() == 2).count()
                / (double) routNos.size();
        assertTrue(Math.abs(routed - 0.75) < 0.03, () -> "routed share " + routed);
        assertTrue(Math.abs(twice - 0.25) < 0.04, () -> "two-routing share " + twice);
        Pattern routNo = Pattern.compile("B#1[A-Z]00C|B#2[A-Z]00S|B#8[A-Z]00R|B#9[A-Z]00P");
        assertTrue(routNos.values().stream().flatMap(Set::stream).allMatch(n -> routNo.matcher(n).matches()));
    }

    /**
     * On the sample's day some routings have ended and some are still ahead, in the shares of
     * {@link SampleProfile}, and the summary counts them as the rows show: an item is routed that
     * day when any of its routing rows is in force.
     */
    @Test
    void someRoutingsHaveEndedAndSomeStartAfterTheSamplesDayAsTheSummarySays() {
        LocalDateTime day = OPTIONS.asOf().atStartOfDay();
        Map<String, Set<String>> inForce = new HashMap<>();
        Set<String> expired = new HashSet<>();
        Set<String> future = new HashSet<>();
        for (Map<String, Object> r : routings) {
            String item = (String) r.get("ITEM_CD");
            String routing = item + "|" + r.get("ROUT_NO");
            LocalDateTime from = (LocalDateTime) r.get("VALID_FROM_DT");
            LocalDateTime to = (LocalDateTime) r.get("VALID_TO_DT");
            assertFalse(to.isBefore(from), () -> routing + " ends before it starts");
            if (to.isBefore(day)) {
                expired.add(routing);
            } else if (from.isAfter(day)) {
                future.add(routing);
            } else {
                inForce.computeIfAbsent(item, k -> new HashSet<>()).add(routing);
                assertEquals(LocalDateTime.of(2999, 12, 31, 0, 0), to, routing);
            }
        }
        assertEquals(summary.expiredRoutings(), expired.size());
        assertEquals(summary.futureRoutings(), future.size());
        assertEquals(summary.itemsWithValidRouting(), inForce.size());
        double routed = summary.itemsWithRouting();
        double withoutValid = (routed - inForce.size()) / routed;
        double withExpired = expired.stream().map(r -> r.split("\\|")[0]).distinct().count() / routed;
        double withFuture = future.stream().map(r -> r.split("\\|")[0]).distinct().count() / routed;
        double discontinuedOrPending = SampleProfile.DISCONTINUED_SHARE + SampleProfile.PENDING_SHARE;
        assertTrue(Math.abs(withoutValid - discontinuedOrPending) < 0.012,
                () -> "routed items without a valid routing " + withoutValid);
        assertTrue(Math.abs(withExpired - SampleProfile.DISCONTINUED_SHARE - SampleProfile.RETIRED_SHARE) < 0.015,
                () -> "items with an expired routing " + withExpired);
        assertTrue(Math.abs(withFuture - SampleProfile.PENDING_SHARE - SampleProfile.PLANNED_SHARE) < 0.012,
                () -> "items with a future routing " + withFuture);
        // ended at least a day before the sample's day; planned ones start within the planning horizon
        assertTrue(routings.stream().map(r -> (LocalDateTime) r.get("VALID_FROM_DT")).filter(f -> f.isAfter(day))
                .allMatch(f -> !f.isBefore(day.plusDays(7)) && !f.isAfter(day.plusDays(180))));
    }

    /** The sample's day moves the validity dates and nothing else. */
    @Test
    void theSamplesDayMovesOnlyTheValidityDates(@TempDir Path dir) throws IOException {
        Options small = new Options(11, 300, 0, true);
        SampleDatabaseGenerator.generate(dir.resolve("a.accdb"), small);
        SampleDatabaseGenerator.generate(dir.resolve("b.accdb"), small.on(small.asOf().plusYears(1)));
        Set<String> validity = Set.of("VALID_FROM_DT", "VALID_TO_DT");
        assertEquals(digest(dir.resolve("a.accdb"), r -> true, validity),
                digest(dir.resolve("b.accdb"), r -> true, validity));
        assertNotEquals(digest(dir.resolve("a.accdb"), r -> true), digest(dir.resolve("b.accdb"), r -> true));
    }

    /**
     * The production profile at a tenth of the plant's items: its shares scale to ~325,000 items,
     * ~178,000 with a routing in force and ~1.1M routing rows; some items have three routings in
     * force at once; work orders are written.
     */
    @Test
    void theProductionProfileHasThePlantsShape(@TempDir Path dir) throws IOException {
        int items = 32_500;
        Options production = new Options(42, items, 0, SampleProfile.PRODUCTION.workOrders(), SampleProfile.PRODUCTION,
                SampleDatabaseGenerator.DEFAULT_AS_OF);
        Summary s = SampleDatabaseGenerator.generate(dir.resolve("production.accdb"), production);
        double scale = SampleProfile.PRODUCTION.items() / (double) items;
        assertEquals(325_000, SampleProfile.PRODUCTION.items());
        assertTrue(Math.abs(s.itemsWithRouting() / (double) items - 0.565) < 0.01, s::toString);
        assertTrue(Math.abs(s.itemsWithValidRouting() * scale - 178_000) < 3_000, s::toString);
        assertTrue(s.routingRows() * scale > 1_000_000 && s.routingRows() * scale < 1_250_000, s::toString);
        assertTrue(s.workOrderRows() > 0, s::toString);
        Map<String, Set<String>> inForce = new HashMap<>();
        try (Database db = open(dir.resolve("production.accdb"))) {
            for (Row r : db.getTable("dbo_BI_ROUTING_VIEW")) {
                if (((LocalDateTime) r.get("VALID_TO_DT")).getYear() == 2999
                        && !((LocalDateTime) r.get("VALID_FROM_DT")).isAfter(production.asOf().atStartOfDay())) {
                    inForce.computeIfAbsent((String) r.get("ITEM_CD"), k -> new HashSet<>())
                            .add((String) r.get("ROUT_NO"));
                }
            }
        }
        long three = inForce.values().stream().filter(r -> r.size() == 3).count();
        long two = inForce.values().stream().filter(r -> r.size() == 2).count();
        assertTrue(three > 0.005 * inForce.size() && two > 0.02 * inForce.size(),
                () -> two + " with two, " + three + " with three");
    }

    @Test
    void operationsUseRealCodesAndAMostlyFixedResource() {
        Set<String> jobCodes = routings.stream().map(r -> (String) r.get("JOB_CD")).collect(Collectors.toSet());
        assertTrue(jobCodes.containsAll(List.of("F61-1", "F40-1", "Q30-1", "F20-3", "외주8", "사내8")), jobCodes::toString);
        Map<String, Map<String, Long>> resources = routings.stream().collect(Collectors.groupingBy(
                r -> (String) r.get("JOB_CD"),
                Collectors.groupingBy(r -> (String) r.get("RES_CD"), Collectors.counting())));
        resources.forEach((job, counts) -> {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long modal = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(modal >= 0.9 * total, () -> job + " resources " + counts);
        });
        assertTrue(routings.stream().filter(r -> "F40-1".equals(r.get("JOB_CD")))
                .allMatch(r -> Set.of("ASY-WC1A", "ASY-WC2").contains(r.get("RES_CD"))));
        assertTrue(routings.stream().filter(r -> "외주8".equals(r.get("JOB_CD")))
                .allMatch(r -> "N".equals(r.get("INSIDE_FLAG")) && r.get("BP_CD") != null));
        assertTrue(routings.stream().filter(r -> "사내8".equals(r.get("JOB_CD")))
                .allMatch(r -> "Y".equals(r.get("INSIDE_FLAG")) && r.get("BP_CD") == null));
    }

    @Test
    void runTimeGrowsWithOutsideDiameter() {
        Map<String, Double> odMm = new HashMap<>();
        for (Map<String, Object> item : baseItems()) {
            BigDecimal od = (BigDecimal) item.get("OUTDIAMETER");
            if (SENTINEL.compareTo(od) != 0 && "MM".equals(item.get("OUTDIAMETER_UNIT"))) {
                odMm.put((String) item.get("ITEM_CD"), od.doubleValue());
            }
        }
        List<double[]> points = routings.stream()
                .filter(r -> "F20-1".equals(r.get("JOB_CD")) && odMm.containsKey((String) r.get("ITEM_CD")))
                .map(r -> new double[] {odMm.get((String) r.get("ITEM_CD")), (Double) r.get("RUN_TIME")})
                .sorted(Comparator.comparingDouble(p -> p[0]))
                .toList();
        assertTrue(points.size() > 100, () -> "F20-1 operations " + points.size());
        int quarter = points.size() / 4;
        double small = points.subList(0, quarter).stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double large = points.subList(points.size() - quarter, points.size()).stream()
                .mapToDouble(p -> p[1]).average().orElseThrow();
        assertTrue(large > 2 * small, () -> "mean run time small OD " + small + ", large OD " + large);
    }

    /**
     * The point of the data: a plain nearest neighbour on key attributes, trained on older items and
     * tested on the newest 20%, predicts the primary JOB_CD sequence often but not perfectly, and far
     * better than always guessing the most common sequence.
     */
    @Test
    void routingsAreLearnableButNoisy() {
        Map<String, List<String>> primary = new HashMap<>();
        routings.stream()
                .filter(r -> Integer.valueOf(1).equals(r.get("ROUT_ORDER")))
                .sorted(Comparator.comparing((Map<String, Object> r) -> (String) r.get("ITEM_CD"))
                        .thenComparing(r -> (Integer) r.get("PROC_SEQ")))
                .forEach(r -> primary.computeIfAbsent((String) r.get("ITEM_CD"), k -> new ArrayList<>())
                        .add((String) r.get("JOB_CD")));
        List<Map<String, Object>> routed = baseItems().stream()
                .filter(r -> primary.containsKey((String) r.get("ITEM_CD")))
                .sorted(Comparator.comparing(r -> (LocalDateTime) r.get("INSRT_DT")))
                .toList();
        int split = (int) (routed.size() * 0.8);
        List<Map<String, Object>> train = routed.subList(0, split);
        List<Map<String, Object>> test = routed.subList(split, routed.size());

        int hits = 0;
        for (Map<String, Object> query : test) {
            Map<String, Object> best = train.stream()
                    .min(Comparator.comparingDouble(candidate -> distance(query, candidate))).orElseThrow();
            if (primary.get((String) query.get("ITEM_CD")).equals(primary.get((String) best.get("ITEM_CD")))) {
                hits++;
            }
        }
        double accuracy = hits / (double) test.size();
        List<String> mostCommon = train.stream().map(r -> primary.get((String) r.get("ITEM_CD")))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double baseline = test.stream().filter(r -> primary.get((String) r.get("ITEM_CD")).equals(mostCommon))
                .count() / (double) test.size();
        // 80% template share caps 1-NN near 0.8 * 0.8 + 0.2 * 0.2 / 3 = 0.65 even when the family is
        // always found; with this few training items some rare families are missed.
        assertTrue(accuracy >= 0.45 && accuracy <= 0.85, () -> "1-NN top-1 accuracy " + accuracy);
        assertTrue(baseline < 0.2, () -> "majority baseline " + baseline);
    }

    @Test
    void shiftedItemsAreNewUnroutedAndOutsideTheBaseRanges() {
        List<Map<String, Object>> shifted = items.stream()
                .filter(r -> ((String) r.get("ITEM_CD")).startsWith(SampleDatabaseGenerator.SHIFTED_PREFIX)).toList();
        List<Map<String, Object>> base = baseItems();
        assertEquals(SHIFTED, shifted.size());
        Set<String> shiftedCodes = shifted.stream().map(r -> (String) r.get("ITEM_CD")).collect(Collectors.toSet());
        assertTrue(routings.stream().noneMatch(r -> shiftedCodes.contains((String) r.get("ITEM_CD"))));

        LocalDateTime newestBase = base.stream().map(r -> (LocalDateTime) r.get("INSRT_DT"))
                .max(Comparator.naturalOrder()).orElseThrow();
        assertTrue(shifted.stream().allMatch(r -> ((LocalDateTime) r.get("INSRT_DT")).isAfter(newestBase)));
        for (String column : List.of("PART_TYPE", "ITEM_MATERIAL", "ITEM_TYPE")) {
            Set<Object> baseValues = base.stream().map(r -> r.get(column)).collect(Collectors.toSet());
            assertTrue(shifted.stream().noneMatch(r -> baseValues.contains(r.get(column))), column);
        }
        double largestBaseOdMm = base.stream().filter(r -> SENTINEL.compareTo((BigDecimal) r.get("OUTDIAMETER")) != 0)
                .mapToDouble(r -> odMm(r)).max().orElseThrow();
        double smallestShiftedOdMm = shifted.stream()
                .filter(r -> SENTINEL.compareTo((BigDecimal) r.get("OUTDIAMETER")) != 0)
                .mapToDouble(r -> odMm(r)).min().orElseThrow();
        assertTrue(smallestShiftedOdMm > largestBaseOdMm, () -> smallestShiftedOdMm + " vs " + largestBaseOdMm);
    }

    @Test
    void koreanTextRoundTripsThroughJackcess() {
        Set<Object> accounts = items.stream().map(r -> r.get("ITEM_ACCT")).collect(Collectors.toSet());
        assertTrue(accounts.containsAll(List.of("반제품:M1", "제품:F1", "원자재:R1")), accounts::toString);
        assertTrue(routings.stream().anyMatch(r -> "최종 검사".equals(r.get("JOB_NM"))));
        assertTrue(items.stream().anyMatch(r -> "스테인리스강 316".equals(r.get("MATERIAL_DESC"))));
    }

    /** The application reads through UCanAccess; the file must work there, Korean included. */
    @Test
    void ucanaccessReadsTheFileLikeTheApplication() throws SQLException {
        String url = "jdbc:ucanaccess://" + file.toAbsolutePath() + ";memory=false";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            assertEquals(summary.items(), count(statement, "SELECT COUNT(*) FROM dbo_BI_ITEM_INFO_VIEW"));
            assertEquals(summary.routingRows(), count(statement, "SELECT COUNT(*) FROM dbo_BI_ROUTING_VIEW"));
            long korean = items.stream().filter(r -> "반제품:M1".equals(r.get("ITEM_ACCT"))).count();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM dbo_BI_ITEM_INFO_VIEW WHERE ITEM_ACCT = ?")) {
                query.setString(1, "반제품:M1");
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    assertEquals(korean, rs.getLong(1));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT TOP 5 r.ITEM_CD, r.PROC_SEQ, r.INSRT_DT, i.PART_TYPE, "
                    + "i.OUTDIAMETER, i.SealTypeGrup FROM dbo_BI_ROUTING_VIEW r INNER JOIN dbo_BI_ITEM_INFO_VIEW i "
                    + "ON r.ITEM_CD = i.ITEM_CD ORDER BY r.INSRT_DT DESC")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertTrue(rs.getTimestamp("INSRT_DT").toLocalDateTime()
                            .isAfter(LocalDateTime.of(2025, 1, 1, 0, 0)));
                    assertTrue(rs.getBigDecimal("OUTDIAMETER").signum() > 0);
                }
                assertEquals(5, rows);
            }
        }
    }

    @Test
    void sameOptionsGiveSameContentsAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        Options small = new Options(11, 200, 20, true);
        SampleDatabaseGenerator.generate(dir.resolve("a.accdb"), small);
        SampleDatabaseGenerator.generate(dir.resolve("b.accdb"), small);
        SampleDatabaseGenerator.generate(dir.resolve("c.accdb"), new Options(12, 200, 20, true));
        String a = digest(dir.resolve("a.accdb"), r -> true);
        assertEquals(a, digest(dir.resolve("b.accdb"), r -> true));
        assertNotEquals(a, digest(dir.resolve("c.accdb"), r -> true));
    }

    @Test
    void shiftedItemsDoNotChangeTheBasePopulation(@TempDir Path dir) throws IOException {
        SampleDatabaseGenerator.generate(dir.resolve("none.accdb"), new Options(5, 150, 0, false));
        SampleDatabaseGenerator.generate(dir.resolve("some.accdb"), new Options(5, 150, 40, false));
        Predicate<Map<String, Object>> base = r -> !String.valueOf(r.get("ITEM_CD")).startsWith("NX-");
        assertEquals(digest(dir.resolve("none.accdb"), base), digest(dir.resolve("some.accdb"), base));
        assertNotEquals(digest(dir.resolve("none.accdb"), r -> true), digest(dir.resolve("some.accdb"), r -> true));
    }

    @Test
    void replacesAnExistingFileAtomicallyAndCreatesParents(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("nested/deeper/routing.accdb");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "not an access database");
        Summary written = SampleDatabaseGenerator.generate(target, new Options(3, 50, 0, false));
        try (Database db = open(target)) {
            assertEquals(written.items(), db.getTable("dbo_BI_ITEM_INFO_VIEW").getRowCount());
            assertFalse(db.getTableNames().contains("dbo_BI_WORK_ORDER_RESULTS"));
        }
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file left behind");
        }
        Path fresh = dir.resolve("a/b/c/new.accdb");
        SampleDatabaseGenerator.generate(fresh, new Options(3, 10, 0, false));
        assertTrue(Files.size(fresh) > 0);
    }

    @Test
    void optionsRejectBadCountsNamingTheValue() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new Options(1, 9, 0, false));
        assertTrue(tooFew.getMessage().contains("items") && tooFew.getMessage().contains("9"), tooFew.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Options(1, 10, -1, false));
        assertTrue(negative.getMessage().contains("shiftedItems") && negative.getMessage().contains("-1"),
                negative.getMessage());
        assertEquals(new Options(42, 20_000, 0, false), Options.defaults());
        assertEquals(SampleProfile.DEFAULT, Options.defaults().profile());
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> Options.defaults().on(LocalDate.of(2025, 9, 30)));
        assertTrue(early.getMessage().contains("asOf") && early.getMessage().contains("2025-09-30"),
                early.getMessage());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Database open(Path path) throws IOException {
        Database db = new DatabaseBuilder(path).withReadOnly(true).open();
        db.setDateTimeType(DateTimeType.LOCAL_DATE_TIME);
        return db;
    }

    private static List<Map<String, Object>> rows(Table table) {
        List<Map<String, Object>> rows = new ArrayList<>(table.getRowCount());
        for (Row row : table) {
            rows.add(new LinkedHashMap<>(row));
        }
        return rows;
    }

    private static List<Map<String, Object>> baseItems() {
        return items.stream()
                .filter(r -> !((String) r.get("ITEM_CD")).startsWith(SampleDatabaseGenerator.SHIFTED_PREFIX)).toList();
    }

    private static double share(List<Map<String, Object>> rows, Predicate<Map<String, Object>> predicate) {
        return rows.stream().filter(predicate).count() / (double) rows.size();
    }

    private static void assertNullShare(List<Map<String, Object>> rows, String column, double target,
            double tolerance) {
        double nulls = share(rows, r -> r.get(column) == null);
        assertTrue(Math.abs(nulls - target) <= tolerance,
                () -> column + " NULL share " + nulls + ", expected " + target + " ± " + tolerance);
    }

    private static double odMm(Map<String, Object> item) {
        double od = ((BigDecimal) item.get("OUTDIAMETER")).doubleValue();
        return "INCH".equals(item.get("OUTDIAMETER_UNIT")) ? od * 25.4 : od;
    }

    /** Key-attribute mismatch penalties plus a log-ratio OD term; sentinel ODs count as unknown. */
    private static double distance(Map<String, Object> a, Map<String, Object> b) {
        double d = 0;
        d += a.get("ITEM_TYPE").equals(b.get("ITEM_TYPE")) ? 0 : 3;
        d += a.get("PART_TYPE").equals(b.get("PART_TYPE")) ? 0 : 1;
        d += a.get("ITEM_MATERIAL").equals(b.get("ITEM_MATERIAL")) ? 0 : 1.5;
        boolean aKnown = SENTINEL.compareTo((BigDecimal) a.get("OUTDIAMETER")) != 0;
        boolean bKnown = SENTINEL.compareTo((BigDecimal) b.get("OUTDIAMETER")) != 0;
        d += aKnown && bKnown ? Math.min(2, 3 * Math.abs(Math.log(odMm(a) / odMm(b)))) : 1;
        return d;
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SHA-256 over every table (sorted by name) and every row in storage order, column by column. */
    private static String digest(Path path, Predicate<Map<String, Object>> include) throws IOException {
        return digest(path, include, Set.of());
    }

    /** SHA-256 over the included rows of every table, leaving out the columns named in {@code without}. */
    private static String digest(Path path, Predicate<Map<String, Object>> include, Set<String> without)
            throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (Database db = open(path)) {
                for (String name : db.getTableNames().stream().sorted().toList()) {
                    Table table = db.getTable(name);
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    for (Row row : table) {
                        if (!include.test(row)) {
                            continue;
                        }
                        for (Column column : table.getColumns()) {
                            if (without.contains(column.getName())) {
                                continue;
                            }
                            sha.update((column.getName() + "=" + row.get(column.getName()) + ";")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every JVM", e);
        }
    }
}
