package com.routingml.bench;

import com.routingml.access.AccessRepository;
import com.routingml.access.Item;
import com.routingml.access.RoutingValidity;
import com.routingml.sample.SampleDatabaseGenerator;
import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import com.routingml.model.Trainer;
import com.routingml.model.TrainingData;
import com.routingml.model.TrainingDataLoader;
import com.routingml.model.TrainingConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Logger;

/**
 * The benchmarks' fixed data: the generated Access database, the model trained from it (trained
 * once, saved with {@link ModelStore}, loaded by every later fork), and a seeded query set of
 * <em>new</em> items — items of the database that have no routing, so they are not in the index.
 *
 * <p>Locations come from system properties (forwarded to JMH forks with {@code -jvmArgsAppend}):
 * {@code bench.dir} (default {@code /tmp/bench}), {@code bench.accdb}
 * ({@code <bench.dir>/bench.accdb}), {@code bench.models} ({@code <bench.dir>/models}),
 * {@code bench.items} (items to generate when the database is absent, default 134,000: the
 * generator routes ~75% of items, so ~100,000 end up indexed), {@code bench.day} (the day routings
 * must be in force on, {@code YYYY-MM-DD}; default the generator's default sample day, on which a
 * database generated here has its expired and planned routings).
 */
public final class BenchData {

    public static final long QUERY_SEED = 20251005L;
    /** Power of two, so a cursor wraps with a mask. */
    public static final int QUERY_COUNT = 1024;

    private static final Logger LOG = Logger.getLogger(BenchData.class.getName());
    /** Fixed clock: the model version id and metadata do not depend on when the benchmark ran. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-05T00:00:00Z"), ZoneOffset.UTC);
    private static final String VERSION = "vbench";

    private BenchData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("bench.dir", "/tmp/bench"));
    }

    public static Path accdb() {
        return Path.of(System.getProperty("bench.accdb", dir().resolve("bench.accdb").toString()));
    }

    public static Path models() {
        return Path.of(System.getProperty("bench.models", dir().resolve("models").toString()));
    }

    /** The day routings must be in force on to be trained on. */
    public static LocalDate day() {
        String day = System.getProperty("bench.day");
        return day == null ? SampleDatabaseGenerator.DEFAULT_AS_OF : LocalDate.parse(day);
    }

    /** Generates the database if it is absent. */
    public static Path ensureDatabase() throws IOException {
        Path db = accdb();
        if (!Files.exists(db)) {
            int items = Integer.getInteger("bench.items", 134_000);
            LOG.info(() -> "generating " + db + " with " + items + " items");
            SampleDatabaseGenerator.generate(db, new SampleDatabaseGenerator.Options(42, items, 0, false));
        }
        return db;
    }

    /** The active model of the bench store; trains, saves and activates one on first use. */
    public static RoutingModel model() {
        try {
            ModelStore store = new ModelStore(models());
            Optional<String> active = store.activeVersion();
            if (active.isPresent()) {
                long t0 = System.nanoTime();
                RoutingModel m = store.load(active.get());
                LOG.info(() -> "loaded model " + m.version() + " (" + m.size() + " items) in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
                return m;
            }
            // saved by an earlier run that stopped before activating
            if (Files.isDirectory(models().resolve(VERSION))) {
                return store.activate(VERSION);
            }
            Path db = ensureDatabase();
            long t0 = System.nanoTime();
            TrainingData data = TrainingDataLoader.fromAccess(db, RoutingValidity.on(day()));
            long t1 = System.nanoTime();
            RoutingModel trained = Trainer.train(data, TrainingConfig.defaults(), VERSION, CLOCK);
            long t2 = System.nanoTime();
            store.save(trained);
            RoutingModel m = store.activate(VERSION);
            LOG.info(() -> String.format("read %d items in %d ms, trained %d-item model in %d ms",
                    data.items().size(), (t1 - t0) / 1_000_000, trained.size(), (t2 - t1) / 1_000_000));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException | ModelFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All items of the item master. */
    public static List<Item> items() {
        try (Connection c = AccessRepository.open(ensureDatabase())) {
            return AccessRepository.loadItems(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@value #QUERY_COUNT} new items: items not in the model's index (no routing), shuffled with
     * {@link #QUERY_SEED} after sorting by item code, so the set is the same in every run.
     */
    public static List<Item> queries(RoutingModel model, List<Item> all) {
        List<Item> fresh = new ArrayList<>();
        for (Item it : all) {
            if (it.itemCode() != null && model.rowOf(it.itemCode()) < 0) {
                fresh.add(it);
            }
        }
        fresh.sort((a, b) -> a.itemCode().compareTo(b.itemCode()));
        Collections.shuffle(fresh, new Random(QUERY_SEED));
        if (fresh.size() < QUERY_COUNT) {
            throw new IllegalStateException("only " + fresh.size() + " unindexed items in " + accdb()
                    + "; need " + QUERY_COUNT);
        }
        return List.copyOf(fresh.subList(0, QUERY_COUNT));
    }

    /** The indexed items, in index row order. */
    public static List<Item> indexed(RoutingModel model, List<Item> all) {
        Item[] rows = new Item[model.size()];
        for (Item it : all) {
            int r = it.itemCode() == null ? -1 : model.rowOf(it.itemCode());
            if (r >= 0) {
                rows[r] = it;
            }
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalStateException("indexed item " + model.itemCodes().get(i)
                        + " not found in " + accdb());
            }
        }
        return List.of(rows);
    }
}
