package com.routingml.retrain;

import com.routingml.access.AccessDatabase;
import com.routingml.access.AccessFiles;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.storage.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrainSettingsTest {

    static Properties params(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    static RetrainSettings config(Path dataDir, Path configuredAccessFile) {
        RetrainSettings c = new RetrainSettings();
        c.storage = new StorageSettings() {
            @Override
            public Path dataDir() {
                return dataDir;
            }
        };
        c.datasetDir = Optional.empty();
        c.extract = "catalog";
        c.accessFileDir = Optional.empty();
        c.zone = Optional.of("UTC");
        c.maxRows = 100_000;
        c.minRows = 1000;
        c.rateTolerance = 0.01;
        c.maeTolerance = 0.05;
        c.coverageTolerance = 0.05;
        c.minTop3HitRate = 0.7;
        c.retentionDays = 180;
        c.access = new AccessDatabase() {
            @Override
            public Path file() {
                return configuredAccessFile;
            }
        };
        return c;
    }

    static RetrainSettings config() {
        return config(Path.of("/srv/routingml"), Path.of("/data/erp.accdb"));
    }

    static String thisMonth() {
        return YearMonth.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    @Test
    void defaultsComeFromTheConfigurationAndTheMonthIsTheCurrentOne() {
        RetrainSettings.Checked c = config().check(params(), false);
        assertEquals(thisMonth(), c.month());
        assertEquals("/data/erp.accdb", c.settings().accessFile());
        assertEquals("/srv/routingml/datasets", c.settings().datasetRoot());
        assertEquals(new Gate(0.01, 0.05, 0.05, 0.7), c.settings().gate());
        assertEquals("201912", config().check(params("month", " 201912 "), false).month());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            month             | 2031-01        | not a month written YYYYMM
            month             | abcdef         | not a month written YYYYMM
            month             | 20310          | not a month written YYYYMM
            month             | 203101.5       | not a month written YYYYMM
            month             | null           | not a month written YYYYMM
            month             | ２０２６１１     | not a month written YYYYMM
            month             | 000000         | does not exist
            month             | 203113         | does not exist
            month             | 199912         | must be from 200001 to the current month
            month             | 999901         | must be from 200001 to the current month
            codec             | LZ4X           | not a Parquet codec this server writes
            codec             | LZO            | not a Parquet codec this server writes
            minRows           | 1000000000     | must be from 0 to 100000000
            extract           | recent         | not one of catalog, newest
            minRows           | 1e9            | not a whole number
            minRows           | １０００         | not a whole number
            maxRows           | 0              | must be from 1 to 100000000
            maxRows           | 999999999999   | must be from 1 to 100000000
            chunkSize         | 0              | must be from 1 to 1000000
            throttleMillis    | -1             | must be from 0 to 600000
            transactionTimeout| 86401          | must be from 1 to 86400
            transactionTimeout| soon           | not a whole number
            rateTolerance     | NaN            | not a decimal number
            rateTolerance     | 1.5            | must be from 0 to 1
            coverageTolerance | -0.1           | must be from 0 to 1
            minTop3HitRate    | 2              | must be from 0 to 1
            maeTolerance      | Infinity       | not a decimal number
            retentionDays     | 0              | must be from 1 to 3650
            retentionDryRun   | yes            | not true or false
            degrade           | worse          | not one of none, shuffleRoutings, dropFamilies
            datasetDir        | /etc           | must lie inside /srv/routingml/datasets (routingml.retrain.dataset-dir)
            datasetDir        | ../../../..    | must lie inside /srv/routingml/datasets (routingml.retrain.dataset-dir)
            datasetDir        | /srv/routingml/datasets/../state | must lie inside
            accessFile        | /etc/other.accdb | must lie inside /data (routingml.retrain.access-file-dir)
            accessFile        | /data/passwd   | not an .accdb or .mdb file
            """)
    void aBadValueIsRefusedWithItsNameAndWhy(String name, String value, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config().check(params(name,
                value), false));
        assertTrue(e.getMessage().startsWith("job parameter " + name + " has an invalid value '" + value + "': "),
                e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void unknownAndInternalNamesAreRefusedFromCallers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config().check(params("nope",
                "1"), false));
        assertTrue(e.getMessage().startsWith("unknown job parameter 'nope'; allowed: ["), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config().check(params("trigger", "schedule"), false));
        assertEquals(thisMonth(), config().check(params("trigger", "schedule"), true).month(), "the application's own");
    }

    @Test
    void aFutureMonthIsRefused() {
        String next = YearMonth.now(ZoneOffset.UTC).plusMonths(1).format(DateTimeFormatter.ofPattern("yyyyMM"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config().check(params("month",
                next), false));
        assertTrue(e.getMessage().contains("to the current month " + thisMonth()), e.getMessage());
    }

    @Test
    void minRowsAboveMaxRowsFromTheConfigurationIsRefusedWhenTheNewestRowsAreRead() {
        RetrainSettings c = config();
        c.minRows = 200_000;
        assertEquals(200_000, c.check(params(), false).settings().minRows(), "the catalog is not limited by maxRows");
        c.extract = "newest";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.check(params(), false));
        assertTrue(e.getMessage().contains("routingml.retrain.min-rows (200000) exceeds routingml.retrain.max-rows"
                + " (100000)"),
                e.getMessage());
        assertEquals(200_000, c.check(params("maxRows", "300000"), false).settings().minRows(),
                "a run may raise maxRows");
        IllegalArgumentException run = assertThrows(IllegalArgumentException.class,
                () -> config().check(params("extract", "newest", "minRows", "100001"), false));
        assertTrue(run.getMessage().contains("must be from 0 to 100000"), run.getMessage());
    }

    @Test
    void theWholeCatalogIsExtractedUnlessARunOrTheConfigurationAsksForTheNewestRows() {
        RetrainSettings c = config();
        assertEquals(ExtractScope.CATALOG, c.check(params(), false).settings().extract());
        assertEquals(ExtractScope.NEWEST, c.check(params("extract", "Newest", "maxRows", "100000"), false).settings()
                .extract());
        c.extract = "newest";
        assertEquals(ExtractScope.NEWEST, c.check(params(), false).settings().extract());
        c.extract = "all";
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class, () -> c.check(params(), false));
        assertTrue(config.getMessage().contains("routingml.retrain.extract"), config.getMessage());
        RetrainConfig before = new RetrainConfig("a.accdb", "/d", 10, 1, 0.01, 0.05, 0.05, 0.7, 180, false, null,
                null);
        assertEquals(ExtractScope.NEWEST, before.extract(),
                "a run state written before the catalog extract continues reading the newest rows");
    }

    @Test
    void perRunPathsStayInsideTheirRoots(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path accdb = data.resolve("sample/erp.accdb");
        RetrainSettings c = config(data, accdb);
        Path root = data.resolve("datasets").toAbsolutePath();
        assertEquals(root.resolve("trial").toString(), c.check(params("datasetDir", "trial"),
                false).settings().datasetRoot());
        assertEquals(root.resolve("a").toString(), c.check(params("datasetDir", root + "/b/../a"),
                false).settings().datasetRoot());
        assertEquals(root.toString(), c.check(params("datasetDir", root.toString()), false).settings().datasetRoot());
        Files.createDirectories(accdb.getParent());
        AccessFiles.withViews(accdb.resolveSibling("copy.accdb"));
        assertEquals(accdb.resolveSibling("copy.accdb").toString(), c.check(params("accessFile", "copy.accdb"),
                false).settings().accessFile());
        AccessFiles.withViews(accdb.resolveSibling("old.MDB"));
        assertEquals(accdb.resolveSibling("old.MDB").toString(), c.check(params("accessFile",
                accdb.resolveSibling("old.MDB").toString()),
                false).settings().accessFile());

        // a symbolic link inside the root that leads out of it
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("escape"), dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.check(params("datasetDir", "escape/datasets"), false));
        assertTrue(e.getMessage().contains("a symbolic link leads out of it"), e.getMessage());

        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> c.check(params("datasetDir",
                "a\u0000b"), false));
        assertTrue(nul.getMessage().startsWith("job parameter datasetDir has an invalid value 'a\\u0000b': not a path"),
                nul.getMessage());
    }

    @Test
    void aConfiguredRootForPerRunAccessFiles(@TempDir Path dir) throws Exception {
        RetrainSettings c = config();
        Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
        c.accessFileDir = Optional.of(snapshots.toString());
        AccessFiles.withViews(snapshots.resolve("erp-2026-11.accdb"));
        assertEquals(snapshots.resolve("erp-2026-11.accdb").toString(), c.check(params("accessFile", " " + snapshots
                + "/./erp-2026-11.accdb "), false).settings().accessFile());
        assertThrows(IllegalArgumentException.class, () -> c.check(params("accessFile", "/data/erp.accdb"), false));
    }

    @Test
    void aPerRunAccessFileMustBeThereAndHoldTheViews(@TempDir Path dir) throws Exception {
        RetrainSettings c = config(dir, dir.resolve("erp.accdb"));
        assertTrue(refusal(c, "missing.accdb").endsWith(": no such file"));
        java.nio.file.Files.write(dir.resolve("junk.accdb"), new byte[4096]);
        assertTrue(refusal(c, "junk.accdb").contains(": not a readable Access database ("), refusal(c, "junk.accdb"));
        AccessFiles.withTables(dir.resolve("other.accdb"), "Customers", "Orders");
        assertEquals("job parameter accessFile has an invalid value 'other.accdb': lacks what the extract reads:"
                + " table or"
                + " query "
                + "dbo_BI_ITEM_INFO_VIEW, table or query dbo_BI_ROUTING_VIEW", refusal(c, "other.accdb"));
    }

    private static String refusal(RetrainSettings c, String accessFile) {
        return assertThrows(IllegalArgumentException.class, () -> c.check(params("accessFile", accessFile),
                false)).getMessage();
    }

    @Test
    void aHugeValueIsShownCut() {
        String huge = "x".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config().check(params("codec",
                huge), false));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("… (100000 characters)"), e.getMessage());
    }
}
