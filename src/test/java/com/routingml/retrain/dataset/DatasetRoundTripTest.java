package com.routingml.retrain.dataset;

import com.routingml.access.AccessRepository;
import com.routingml.access.Item;
import com.routingml.access.Routing;
import com.routingml.access.RoutingValidity;
import com.routingml.sample.SampleDatabaseGenerator;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingDataLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access -> keyset extract in chunks -> Parquet parts -> TrainingData gives the same routed items
 * and routings as reading the Access file directly, and a resumed extract neither loses nor
 * duplicates a row.
 */
class DatasetRoundTripTest {

    @TempDir
    static Path tmp;
    static Path accdb;
    static SampleDatabaseGenerator.Summary summary;
    static final RoutingValidity ON_THE_SAMPLES_DAY = RoutingValidity.on(SampleDatabaseGenerator.DEFAULT_AS_OF);

    @BeforeAll
    static void sample() throws Exception {
        accdb = tmp.resolve("sample.accdb");
        summary = SampleDatabaseGenerator.generate(accdb, new SampleDatabaseGenerator.Options(7, 300, 0, false));
    }

    /** Extracts the whole catalog in force on the sample's day, in chunks of {@code chunk} rows. */
    static DatasetLayout extract(Path root, String month, int chunk) throws Exception {
        return extract(root, month, chunk, ExtractScope.CATALOG, Long.MAX_VALUE);
    }

    /** Extracts in chunks of {@code chunk} rows, reopening the query after each (as a restart would). */
    static DatasetLayout extract(Path root, String month, int chunk, ExtractScope scope, long maxRows)
            throws Exception {
        DatasetLayout layout = new DatasetLayout(root, month);
        layout.prepareFresh(1);
        List<DatasetManifest.Part> parts = new ArrayList<>();
        RowKey after = null;
        long total = 0;
        RoutingExtract ex;
        try (Connection c = AccessRepository.open(accdb)) {
            ex = RoutingExtract.discover(c);
            while (total < maxRows) {
                List<ExtractRow> rows = new ArrayList<>();
                try (PreparedStatement ps = ex.query(c, scope, ON_THE_SAMPLES_DAY, after)) {
                    ps.setMaxRows((int) Math.min(chunk, maxRows - total));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(ex.read(rs));
                        }
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
                layout.writePart(parts.size(), ParquetParts.schema(ex.columns()), ParquetParts.codec("zstd"), rows);
                parts.add(new DatasetManifest.Part(DatasetLayout.partName(parts.size()), rows.size()));
                after = rows.get(rows.size() - 1).key();
                total += rows.size();
            }
        }
        layout.writeManifest(new DatasetManifest(DatasetManifest.FORMAT_VERSION, month, 1, Instant.now(),
                accdb.toString(), total, scope == ExtractScope.NEWEST ? maxRows : null, "ZSTD", parts, ex.columns(),
                ParquetParts.schema(ex.columns()).toString(), scope.parameter(), ON_THE_SAMPLES_DAY.day().toString()));
        return layout;
    }

    @Test
    void datasetTrainsOnTheSameItemsAndRoutingsAsTheAccessFile() throws Exception {
        DatasetLayout layout = extract(tmp.resolve("ds1"), "202601", 97);
        TrainingData fromParquet = DatasetLoader.load(layout).data();
        TrainingData fromAccess = TrainingDataLoader.fromAccess(accdb, ON_THE_SAMPLES_DAY);
        assertEquals(fromAccess.routingRows(), fromParquet.routingRows());
        assertEquals(ON_THE_SAMPLES_DAY.day(), fromParquet.validOn());
        List<Item> a = Trainer.routedItems(fromAccess);
        List<Item> p = Trainer.routedItems(fromParquet);
        assertEquals(a.stream().map(Item::itemCode).toList(), p.stream().map(Item::itemCode).toList());
        Map<String, Item> byCode = p.stream().collect(Collectors.toMap(Item::itemCode, Function.identity()));
        for (Item x : a) {
            assertEquals(x.attributes(), byCode.get(x.itemCode()).attributes(), x.itemCode());
            assertEquals(x.firstSeen(), byCode.get(x.itemCode()).firstSeen());
            List<Routing> ra = fromAccess.routings().get(x.itemCode());
            List<Routing> rp = fromParquet.routings().get(x.itemCode());
            assertEquals(ra, rp, x.itemCode());
        }
        Set<String> keys = new HashSet<>();
        long[] rows = {0};
        for (Path part : layout.parts()) {
            ParquetParts.read(part, r -> {
                rows[0]++;
                assertTrue(keys.add(r.get("ITEM_CD") + "|" + r.get("ROUT_NO") + "|" + r.get("PROC_SEQ")),
                        "duplicate key");
            });
        }
        assertEquals(fromAccess.routingRows(), rows[0]);
    }

    /**
     * The catalog extract holds every item with a routing in force on the day and no row out of
     * force, counted against the generator's own count; the newest-rows extract of the same file,
     * limited to the newest quarter of the rows, holds far fewer items.
     */
    @Test
    void theCatalogHoldsEveryItemWithARoutingInForceAndNoOtherRow() throws Exception {
        DatasetLayout layout = extract(tmp.resolve("ds4"), "202604", 200);
        Set<String> items = new HashSet<>();
        long[] rows = {0};
        LocalDateTime day = ON_THE_SAMPLES_DAY.day().atStartOfDay();
        for (Path part : layout.parts()) {
            ParquetParts.read(part, r -> {
                rows[0]++;
                items.add(r.get("ITEM_CD").toString());
                LocalDateTime from = RoutingExtract.fromMicros((Long) r.get("VALID_FROM_DT"));
                LocalDateTime to = RoutingExtract.fromMicros((Long) r.get("VALID_TO_DT"));
                assertTrue(!from.isAfter(day) && !to.isBefore(day),
                        () -> r.get("ITEM_CD") + " " + r.get("ROUT_NO") + " " + from + ".." + to);
            });
        }
        assertEquals(summary.itemsWithValidRouting(), items.size());
        assertTrue(summary.itemsWithValidRouting() < summary.itemsWithRouting(),
                "the sample has routed items without a valid routing");
        assertEquals(summary.itemsWithValidRouting(), DatasetLoader.load(layout).data().routings().size());

        DatasetLayout newest = extract(tmp.resolve("ds5"), "202605", 200, ExtractScope.NEWEST, rows[0] / 4);
        assertTrue(DatasetLoader.load(newest).data().routings().size() < items.size() / 2,
                "the newest quarter of the rows");
    }

    /** Read a chunk at a time, re-querying after each as a restart does, the catalog comes in key order, once. */
    @Test
    void theCatalogReadInChunksComesInKeyOrderWithoutLosingOrRepeatingARow() throws Exception {
        List<RowKey> chunked = keys(extract(tmp.resolve("ds6"), "202606", 37));
        List<RowKey> whole = keys(extract(tmp.resolve("ds7"), "202607", Integer.MAX_VALUE));
        assertEquals(whole, chunked);
        assertTrue(summary.routingRows() > whole.size(), "rows out of force are left out");
        Comparator<RowKey> keyOrder = Comparator.comparing(RowKey::itemCode).thenComparing(RowKey::routingNo)
                .thenComparingInt(RowKey::procSeq);
        for (int i = 1; i < whole.size(); i++) {
            assertTrue(keyOrder.compare(whole.get(i - 1), whole.get(i)) < 0,
                    whole.get(i - 1) + " before " + whole.get(i));
        }
    }

    /** The key of every row, in part order. */
    private static List<RowKey> keys(DatasetLayout layout) throws Exception {
        List<RowKey> out = new ArrayList<>();
        for (Path part : layout.parts()) {
            ParquetParts.read(part, r -> out.add(new RowKey(null, r.get("ITEM_CD").toString(),
                    r.get("ROUT_NO").toString(), (Integer) r.get("PROC_SEQ"))));
        }
        return out;
    }

    @Test
    void rowLimitTakesTheNewestRows() throws Exception {
        DatasetLayout layout = extract(tmp.resolve("ds2"), "202602", 50, ExtractScope.NEWEST, 120);
        List<Long> times = new ArrayList<>();
        for (Path part : layout.parts()) {
            ParquetParts.read(part, r -> times.add((Long) r.get("INSRT_DT")));
        }
        assertEquals(120, times.size());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1) >= times.get(i), "newest first");
        }
        assertEquals(120, DatasetLoader.load(layout).manifest().rows());
        assertEquals(3, layout.parts().size());
    }

    @Test
    void sameMonthDatasetOfAnotherRunIsMovedAsideAndRestartDropsUncommittedParts() throws Exception {
        Path root = tmp.resolve("ds3");
        extract(root, "202603", 500);
        DatasetLayout next = new DatasetLayout(root, "202603");
        next.prepareFresh(2);
        assertTrue(next.parts().isEmpty());
        assertFalse(Files.exists(next.dir().resolve(DatasetLayout.MANIFEST)));
        try (var s = Files.list(root)) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().startsWith("training_dataset_202603.stale-")));
        }
        Files.writeString(next.part(0), "x");
        Files.writeString(next.part(1), "y");
        Files.writeString(next.dir().resolve("part-00002.parquet.tmp"), "z");
        next.prepareRestart(2, 1);
        assertEquals(List.of(next.part(0)), next.parts());
        assertThrows(java.io.IOException.class, () -> next.prepareRestart(3, 1), "another instance's dataset");
        assertThrows(java.io.IOException.class, next::readManifest, "incomplete dataset");
    }

    @Test
    void microsRoundTrip() {
        var t = java.time.LocalDateTime.of(2024, 2, 29, 13, 45, 7);
        assertEquals(t, RoutingExtract.fromMicros(RoutingExtract.micros(t)));
        var old = java.time.LocalDateTime.of(1960, 1, 1, 0, 0, 1);
        assertEquals(old, RoutingExtract.fromMicros(RoutingExtract.micros(old)));
    }
}
