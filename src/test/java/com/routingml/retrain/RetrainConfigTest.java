package com.routingml.retrain;

import com.routingml.access.AccessDatabase;
import com.routingml.retrain.dataset.ExtractScope;
import com.routingml.storage.StorageSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrainConfigTest {

    static Properties params(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    static RetrainConfig config(Path configuredAccessFile) {
        RetrainConfig c = new RetrainConfig();
        c.storage = new StorageSettings() {
            @Override
            public Path dataDir() {
                return Path.of("/srv/routingml");
            }
        };
        c.datasetDir = Optional.empty();
        c.extract = "catalog";
        c.maxRows = 100_000;
        c.minRows = 1000;
        c.rateTolerance = 0.01;
        c.maeTolerance = 0.05;
        c.retentionDays = 180;
        c.access = new AccessDatabase() {
            @Override
            public Path file() {
                return configuredAccessFile;
            }
        };
        return c;
    }

    @Test
    void theConfiguredAccessFileUnlessARunNamesAnother() {
        RetrainConfig c = config(Path.of("/data/erp.accdb"));
        assertEquals("/data/erp.accdb", c.resolve(params()).accessFile());
        assertEquals("/snapshots/erp-2026-11.accdb", c.resolve(params("accessFile", " /snapshots/./erp-2026-11.accdb ")).accessFile());
        assertEquals("/data/old.MDB", c.resolve(params("accessFile", "/data/old.MDB")).accessFile());
    }

    @Test
    void theWholeCatalogIsExtractedUnlessARunOrTheConfigurationAsksForTheNewestRows() {
        RetrainConfig c = config(Path.of("/data/erp.accdb"));
        assertEquals(ExtractScope.CATALOG, c.resolve(params()).extract());
        assertEquals(ExtractScope.NEWEST, c.resolve(params("extract", "Newest", "maxRows", "100000")).extract());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> c.resolve(params("extract", "recent")));
        assertTrue(bad.getMessage().contains("extract") && bad.getMessage().contains("catalog, newest"),
                bad.getMessage());
        c.extract = "newest";
        assertEquals(ExtractScope.NEWEST, c.resolve(params()).extract());
        c.extract = "all";
        IllegalArgumentException config = assertThrows(IllegalArgumentException.class, () -> c.resolve(params()));
        assertTrue(config.getMessage().contains("routingml.retrain.extract"), config.getMessage());
        RetrainSettings before = new RetrainSettings("a.accdb", "/d", 10, 1, 0.01, 0.05, 180, false, null, null);
        assertEquals(ExtractScope.NEWEST, before.extract(),
                "a run state written before the catalog extract continues reading the newest rows");
    }

    @Test
    void aPerRunAccessFileMustBeAnAbsoluteAccessFileName() {
        RetrainConfig c = config(Path.of("/data/erp.accdb"));
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class, () -> c.resolve(params("accessFile", "erp.accdb")));
        assertTrue(relative.getMessage().contains("accessFile") && relative.getMessage().contains("absolute"), relative.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> c.resolve(params("accessFile", "/etc/passwd")));
        assertTrue(other.getMessage().contains(".accdb or .mdb"), other.getMessage());
    }

    @Test
    void stepTuningIsCheckedWithItsName() {
        assertDoesNotThrow(() -> RetrainConfig.checkTuning(params()));
        assertDoesNotThrow(() -> RetrainConfig.checkTuning(params("chunkSize", "5000", "throttleMillis", "0", "transactionTimeout", "3600")));
        for (String[] bad : new String[][]{{"transactionTimeout", "0"}, {"transactionTimeout", "soon"}, {"transactionTimeout", "86401"},
                {"chunkSize", "0"}, {"throttleMillis", "-1"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrainConfig.checkTuning(params(bad)));
            assertTrue(e.getMessage().startsWith("job parameter " + bad[0] + " has an invalid value"), e.getMessage());
        }
    }
}
