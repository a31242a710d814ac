package com.routingml.sample;

import com.routingml.sample.SampleCatalog.Family;
import com.routingml.sample.SampleCatalog.ItemType;
import com.routingml.sample.SampleCatalog.Material;
import com.routingml.sample.SampleCatalog.Operation;
import com.routingml.sample.SampleSchema.ItemColumn;
import com.routingml.sample.SampleSchema.RoutingColumn;
import com.routingml.sample.SampleSchema.WorkOrderColumn;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.Database.FileFormat;
import io.github.spannm.jackcess.DatabaseBuilder;
import io.github.spannm.jackcess.DateTimeType;
import io.github.spannm.jackcess.Table;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a deterministic sample of the ERP mirror as an Access (.accdb, Access 2010 format)
 * database: {@code dbo_BI_ITEM_INFO_VIEW}, {@code dbo_BI_ROUTING_VIEW} and optionally
 * {@code dbo_BI_WORK_ORDER_RESULTS}, with the real column names and the quirks listed in
 * docs/data-model.md (Korean text, 9999 dimension sentinels, mostly-NULL columns).
 *
 * <p>The data is learnable but noisy: items belong to {@value SampleCatalog#FAMILY_COUNT} seeded
 * product families (ITEM_TYPE, PART_TYPE group, material class, OUTDIAMETER band) whose routing
 * template an item follows about 80% of the time. Optionally a <em>shifted</em> population
 * (codes starting {@value #SHIFTED_PREFIX}) from a family absent from the base is appended to
 * demonstrate concept drift; those items have no routing.
 *
 * <p>A {@link SampleProfile} sets the shape: the small default, or the plant's size with several
 * valid routings for some items and work-order results. In every profile some routings are not
 * valid on the sample's day ({@link Options#asOf()}): their VALID_TO_DT has passed or their
 * VALID_FROM_DT lies ahead (shares in {@link SampleProfile}); every other routing is valid from the
 * day it was inserted until {@value #VALID_FOREVER_TEXT}.
 *
 * <p>Determinism: the same {@link Options} always give the same table contents (not the same file
 * bytes: Access stores table creation times in its system catalog). Nothing reads the clock or an
 * unseeded random source: the day validity is judged against is an option. Insert and report dates
 * lie between 2015-01-01 and 2025-09-30; validity dates around the sample's day.
 */
public final class SampleDatabaseGenerator {

    private static final Logger LOG = Logger.getLogger(SampleDatabaseGenerator.class.getName());

    /** ITEM_CD prefix of the shifted (drifted) population. */
    public static final String SHIFTED_PREFIX = "NX-";

    /** Dimension value that means "unknown" upstream. */
    static final double SENTINEL = 9999;
    static final double SENTINEL_SHARE = 0.03;
    static final double INCH_SHARE = 0.06;
    static final double MM_PER_INCH = 25.4;

    static final LocalDateTime FIRST_DATE = LocalDateTime.of(2015, 1, 1, 0, 0);
    /** Base items are created up to here; the last quarter belongs to shifted items and late routings. */
    static final LocalDateTime BASE_LAST_DATE = LocalDateTime.of(2025, 6, 30, 23, 59, 59);
    static final LocalDateTime SHIFTED_FIRST_DATE = LocalDateTime.of(2025, 7, 1, 0, 0);
    static final LocalDateTime LAST_DATE = LocalDateTime.of(2025, 9, 30, 23, 0, 0);
    /** ERP convention for "valid until further notice". */
    static final LocalDateTime VALID_FOREVER = LocalDateTime.of(2999, 12, 31, 0, 0);
    static final String VALID_FOREVER_TEXT = "2999-12-31";
    /** The sample's day unless another is given: the day after the last insert. */
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2025, 10, 1);
    /** A planned routing comes into force this many days after the sample's day at the earliest ... */
    public static final int PLANNED_MIN_DAYS = 7;
    /** ... this many days after it. */
    public static final int PLANNED_MAX_DAYS = 180;

    /** Rows buffered per table before {@code Table.addRows}: fast, and memory stays flat. */
    private static final int BATCH_SIZE = 2_000;
    /** Item codes carry six digits. */
    static final int MAX_ITEMS = 999_999;

    private static final long ITEM_SALT = 0x17e3L;
    private static final long ROUTING_SALT = 0x2047eL;
    private static final long SHIFTED_SALT = 0x5b1f7L;
    private static final long WORK_ORDER_SALT = 0x3040L;
    private static final long VALIDITY_SALT = 0x7a11dL;
    private static final long THIRD_ROUTING_SALT = 0x3b0e7L;

    private static final String[][] VENDORS = {
            {"V10231", "(주)대성열처리"}, {"V10877", "한국표면처리(주)"},
            {"V11402", "동양코팅"}, {"V12015", "(주)정밀가공산업"}};
    private static final String[] REMARKS = {"도면 Rev 확인 후 작업", "치수 공차 주의", "버 제거 철저",
            "초품 검사 필수", "고객 입회 검사"};
    private static final String[] SUFFIXES = {"GS", "A", "B", "R1", "S", "K"};
    private static final Map<String, String> RAW_KIND_NAMES = Map.of("RB", "환봉", "PP", "파이프", "FG", "단조",
            "SN", "소결", "BL", "블록", "CP", "컴파운드", "PL", "판재");

    /** Distinguishes temporary files of concurrent calls within one JVM. */
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private SampleDatabaseGenerator() {
    }

    /**
     * What to generate.
     *
     * @param seed         seed of every random draw; same options, same contents
     * @param items        base items (at least 10, at most 999,999: item codes have six digits)
     * @param shiftedItems extra items of an unseen product family, prefix {@value #SHIFTED_PREFIX},
     *                     without routings (0 for none)
     * @param workOrders   whether to write {@code dbo_BI_WORK_ORDER_RESULTS}
     * @param profile      the shape of the routings ({@link SampleProfile})
     * @param asOf         the sample's day: routings that expired before it or come into force after
     *                     it are generated around it; not before {@link #DEFAULT_AS_OF}, since every
     *                     routing is inserted before that day
     */
    public record Options(long seed, int items, int shiftedItems, boolean workOrders, SampleProfile profile,
                          LocalDate asOf) {

        /** @throws IllegalArgumentException if a value is out of range; the message names it */
        public Options {
            if (items < 10 || items > MAX_ITEMS) {
                throw new IllegalArgumentException(
                        "items must be between 10 and " + MAX_ITEMS + " but was " + items);
            }
            if (shiftedItems < 0 || shiftedItems > MAX_ITEMS) {
                throw new IllegalArgumentException(
                        "shiftedItems must be between 0 and " + MAX_ITEMS + " but was " + shiftedItems);
            }
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(asOf, "asOf");
            if (asOf.isBefore(DEFAULT_AS_OF)) {
                throw new IllegalArgumentException("asOf must be " + DEFAULT_AS_OF + " or later (the sample's routings"
                        + " are inserted up to " + LAST_DATE.toLocalDate() + ") but was " + asOf);
            }
        }

        /** The default profile on {@link #DEFAULT_AS_OF}. */
        public Options(long seed, int items, int shiftedItems, boolean workOrders) {
            this(seed, items, shiftedItems, workOrders, SampleProfile.DEFAULT, DEFAULT_AS_OF);
        }

        /** Seed 42, 20,000 items, no shifted items, no work orders, the default profile on {@link #DEFAULT_AS_OF}. */
        public static Options defaults() {
            return new Options(42, 20_000, 0, false);
        }

        /** A profile's item count and work orders, seed 42, no shifted items. */
        public static Options of(SampleProfile profile, LocalDate asOf) {
            return new Options(42, profile.items(), 0, profile.workOrders(), profile, asOf);
        }

        /** The same options on another day. */
        public Options on(LocalDate day) {
            return new Options(seed, items, shiftedItems, workOrders, profile, day);
        }
    }

    /**
     * What was written.
     *
     * @param items                 rows in {@code dbo_BI_ITEM_INFO_VIEW}, base plus shifted items
     * @param itemsWithRouting      items with at least one routing, valid or not (always base items)
     * @param routingRows           rows (operations) in {@code dbo_BI_ROUTING_VIEW}
     * @param shiftedItems          rows whose ITEM_CD starts with {@value #SHIFTED_PREFIX}
     * @param itemsWithValidRouting items with at least one routing valid on the sample's day
     * @param expiredRoutings       routings (ITEM_CD, ROUT_NO) whose VALID_TO_DT is before the sample's day
     * @param futureRoutings        routings whose VALID_FROM_DT is after the sample's day
     * @param workOrderRows         rows in {@code dbo_BI_WORK_ORDER_RESULTS} (0 when not written)
     */
    public record Summary(int items, int itemsWithRouting, int routingRows, int shiftedItems, int itemsWithValidRouting,
                          int expiredRoutings, int futureRoutings, long workOrderRows) {
    }

    /**
     * Generates the database and moves it onto {@code accdbFile}, replacing any existing file.
     * The data is first written to a temporary file in the same directory and then renamed
     * atomically, so a crash never leaves a half-written database at {@code accdbFile}. Missing
     * parent directories are created.
     *
     * @return counts of what was written
     * @throws IOException if the file cannot be written or moved; the message names the path
     */
    public static Summary generate(Path accdbFile, Options options) throws IOException {
        Objects.requireNonNull(accdbFile, "accdbFile");
        Objects.requireNonNull(options, "options");
        Path target = accdbFile.toAbsolutePath().normalize();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        long started = System.nanoTime(); // elapsed time for the log only, never for data
        LOG.info(() -> "Generating sample Access database " + target + " with " + options);

        // Not Files.createTempFile: that makes the file owner-only (0600) on POSIX, and the
        // renamed database would keep those permissions. createFile uses the normal umask.
        Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + TEMP_COUNTER.incrementAndGet() + ".tmp");
        Files.deleteIfExists(temporary); // leftover of a crashed run of an earlier process with our pid
        Files.createFile(temporary);
        boolean moved = false;
        try {
            Summary summary;
            // autoSync off: Jackcess would otherwise force every page write to disk, which makes
            // writing many times slower; durability comes from the single force() before the
            // rename below.
            try (Database db = new DatabaseBuilder(temporary).withFileFormat(FileFormat.V2010)
                    .withAutoSync(false).create()) {
                db.setDateTimeType(DateTimeType.LOCAL_DATE_TIME);
                summary = new Writer(db, options).write();
            } catch (IOException | RuntimeException e) {
                throw new IOException("Could not write sample database " + temporary
                        + " (for " + target + "): " + e.getMessage(), e);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
            moved = true;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info(() -> String.format(Locale.ROOT, "Wrote %s in %.1f s: %s",
                    target, elapsed.toMillis() / 1000.0, summary));
            return summary;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; still better than failing.
            LOG.warning(() -> "Atomic move not supported for " + target + "; replacing non-atomically");
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("Could not move generated database " + temporary + " to " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Command line: {@code --out PATH [--profile default|production] [--items N] [--seed S] [--shifted N]
     * [--work-orders] [--as-of YYYY-MM-DD]}. A profile sets the item count and whether work orders are
     * written; {@code --items} and {@code --work-orders} override it. The sample's day defaults to
     * today (the system clock), so that a file made for a server has its future routings still ahead.
     * Exits with 2 on bad arguments (after printing usage) and 1 if generation fails.
     */
    public static void main(String[] args) {
        Path out = null;
        long seed = Options.defaults().seed();
        SampleProfile profile = SampleProfile.DEFAULT;
        Integer items = null;
        int shifted = 0;
        boolean workOrders = false;
        LocalDate asOf = LocalDate.now();
        Options options;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--profile" -> profile = SampleProfile.parse(value(args, ++i, "--profile"));
                    case "--items" -> items = Math.toIntExact(number(args, ++i, "--items"));
                    case "--seed" -> seed = number(args, ++i, "--seed");
                    case "--shifted" -> shifted = Math.toIntExact(number(args, ++i, "--shifted"));
                    case "--work-orders" -> workOrders = true;
                    case "--as-of" -> asOf = date(args, ++i, "--as-of");
                    case "--help", "-h" -> {
                        usage(null);
                        return;
                    }
                    default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            options = new Options(seed, items == null ? profile.items() : items, shifted,
                    workOrders || profile.workOrders(), profile, asOf);
        } catch (IllegalArgumentException | ArithmeticException e) {
            usage(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            generate(out, options);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Sample database generation failed for " + out, e);
            System.exit(1);
        }
    }

    private static LocalDate date(String[] args, int index, String flag) {
        String text = value(args, index, flag);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " needs a date YYYY-MM-DD but was '" + text + "'", e);
        }
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static long number(String[] args, int index, String flag) {
        String text = value(args, index, flag);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number but was '" + text + "'", e);
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.out.println("Error: " + problem);
        }
        System.out.println("Usage: SampleDatabaseGenerator --out PATH [--profile default|production] [--items N]"
                + " [--seed S] [--shifted N] [--work-orders] [--as-of YYYY-MM-DD]");
        System.out.println("  --profile P    default: 20000 items, 75% routed; production: 325000 items, ~178000"
                + " with a valid routing, ~1.1M routing rows, work orders (default: default)");
        System.out.println("  --items N      base items (default: the profile's, min 10)");
        System.out.println("  --seed S       random seed (default 42)");
        System.out.println("  --shifted N    items of an unseen family, codes " + SHIFTED_PREFIX
                + "..., no routings (default 0)");
        System.out.println("  --work-orders  also write dbo_BI_WORK_ORDER_RESULTS (the production profile always"
                + " does)");
        System.out.println("  --as-of DATE   the sample's day: expired routings end before it, planned ones start"
                + " after it (default: today)");
    }

    /** Attributes of one item that the routing and work-order rows need. */
    private record ItemDraft(String itemCd, String itemNm, Family family, double odMm, double thicknessMm,
                             boolean hasRawKind, LocalDateTime createdAt) {
    }

    /** Per-item draws that differ between the base and the shifted population. */
    private record Profile(ItemType type, String partType, String partName, Material material,
                           double odMm, String sealTypeGroup, List<String> sealTypeCodes,
                           double clockwiseShare, double standardShare, String group1, String group2,
                           boolean allowInch, String itemCd) {
    }

    /** Buffers rows for one table and writes them in batches. */
    private static final class BatchedTable {
        private final Table table;
        private final List<Object[]> buffer = new ArrayList<>(BATCH_SIZE);
        private long rows;

        BatchedTable(Table table) {
            this.table = table;
        }

        void add(Object[] row) throws IOException {
            buffer.add(row);
            rows++;
            if (buffer.size() >= BATCH_SIZE) {
                flush();
            }
        }

        void flush() throws IOException {
            if (!buffer.isEmpty()) {
                table.addRows(buffer);
                buffer.clear();
            }
        }
    }

    /** Streams the rows of one generation run; not reusable. */
    private static final class Writer {
        private final Options options;
        private final SampleCatalog catalog;
        private final BatchedTable items;
        private final BatchedTable routings;
        private final BatchedTable workOrders;
        private int itemsWithRouting;
        private int itemsWithValidRouting;
        private int expiredRoutings;
        private int futureRoutings;

        Writer(Database db, Options options) throws IOException {
            this.options = options;
            this.catalog = SampleCatalog.build(options.seed(), options.items());
            this.items = new BatchedTable(SampleSchema.createItemTable(db));
            this.routings = new BatchedTable(SampleSchema.createRoutingTable(db));
            this.workOrders = options.workOrders()
                    ? new BatchedTable(SampleSchema.createWorkOrderTable(db)) : null;
        }

        Summary write() throws IOException {
            long baseSpan = Duration.between(FIRST_DATE, BASE_LAST_DATE).getSeconds();
            for (int i = 0; i < options.items(); i++) {
                SplittableRandom rng = RandomDraws.stream(options.seed(), ITEM_SALT, i);
                // Creation dates rise with the item number (codes are issued in time order),
                // jittered within the item's slot.
                LocalDateTime created = FIRST_DATE.plusSeconds(
                        (long) ((i + rng.nextDouble()) / options.items() * baseSpan));
                ItemDraft item = writeBaseItem(i, rng, created);
                writeRoutings(i, item);
                if (i > 0 && i % 50_000 == 0) {
                    int done = i;
                    LOG.fine(() -> "Generated " + done + " of " + options.items() + " items, "
                            + routings.rows + " routing rows");
                }
            }
            long shiftedSpan = Duration.between(SHIFTED_FIRST_DATE, LAST_DATE).getSeconds();
            for (int j = 0; j < options.shiftedItems(); j++) {
                SplittableRandom rng = RandomDraws.stream(options.seed(), SHIFTED_SALT, j);
                LocalDateTime created = SHIFTED_FIRST_DATE.plusSeconds(
                        (long) ((j + rng.nextDouble()) / options.shiftedItems() * shiftedSpan));
                writeShiftedItem(j, rng, created);
            }
            items.flush();
            routings.flush();
            if (workOrders != null) {
                workOrders.flush();
                LOG.info(() -> "Wrote " + workOrders.rows + " work-order result rows");
            }
            return new Summary(Math.toIntExact(items.rows), itemsWithRouting, Math.toIntExact(routings.rows),
                    options.shiftedItems(), itemsWithValidRouting, expiredRoutings, futureRoutings,
                    workOrders == null ? 0 : workOrders.rows);
        }

        private ItemDraft writeBaseItem(int index, SplittableRandom rng, LocalDateTime created) throws IOException {
            Family family = catalog.pickFamily(rng);
            SampleCatalog.PartGroup group = family.partGroup();
            String partType = group.partTypes().get(RandomDraws.weightedIndex(rng, group.cumulativeWeights()));
            // Non-key attributes are noisy: mostly the family's value, sometimes another one.
            Material material = RandomDraws.chance(rng, 0.85) ? family.primaryMaterial()
                    : RandomDraws.pick(rng, SampleCatalog.MATERIALS_BY_CLASS.get(family.materialClass()));
            double odMm = RandomDraws.round(RandomDraws.uniform(rng, family.band().minMm(), family.band().maxMm()), 1);
            String suffix = RandomDraws.chance(rng, 0.3) ? RandomDraws.pick(rng, SUFFIXES) : null;
            String itemCd = String.format(Locale.ROOT, "%c%06d", family.itemType().codePrefix(), index + 1)
                    + (suffix == null ? "" : "-" + suffix);
            List<String> sealCodes = List.of(
                    noisy(rng, family.inSealType(), SampleCatalog.SEAL_TYPE_CODES),
                    noisy(rng, family.midSealType(), SampleCatalog.SEAL_TYPE_CODES),
                    noisy(rng, family.outSealType(), SampleCatalog.SEAL_TYPE_CODES));
            Profile profile = new Profile(family.itemType(), partType, group.partName(), material, odMm,
                    noisy(rng, family.sealTypeGroup(), SampleCatalog.SEAL_TYPE_GROUPS), sealCodes,
                    family.clockwiseShare(), family.standardShare(),
                    noisy(rng, family.group1(), SampleCatalog.GROUP1_VALUES),
                    noisy(rng, family.group2(), SampleCatalog.GROUP2_VALUES), true, itemCd);
            return writeItem(index, rng, profile, family, suffix, created);
        }

        private void writeShiftedItem(int index, SplittableRandom rng, LocalDateTime created) throws IOException {
            ItemType type = SampleCatalog.SHIFTED_TYPE;
            double odMm = RandomDraws.round(RandomDraws.uniform(rng,
                    SampleCatalog.SHIFTED_MIN_OD_MM, SampleCatalog.SHIFTED_MAX_OD_MM), 1);
            List<String> codes = SampleCatalog.SHIFTED_SEAL_TYPE_CODES;
            Profile profile = new Profile(type, RandomDraws.pick(rng, SampleCatalog.SHIFTED_PART_TYPES),
                    "DRY GAS SEAL", RandomDraws.pick(rng, SampleCatalog.SHIFTED_MATERIALS), odMm, "DRY GAS",
                    List.of(RandomDraws.pick(rng, codes), RandomDraws.pick(rng, codes), RandomDraws.pick(rng, codes)),
                    0.5, 0.05, "COMPRESSOR", "OIL&GAS", false,
                    String.format(Locale.ROOT, "%s%06d", SHIFTED_PREFIX, index + 1));
            writeItem(index, rng, profile, null, null, created);
        }

        /** Writes one item row; {@code family} is null for shifted items. */
        private ItemDraft writeItem(int index, SplittableRandom rng, Profile p, Family family, String suffix,
                                    LocalDateTime created) throws IOException {
            ItemType type = p.type();
            double idMm = RandomDraws.round(
                    p.odMm() * RandomDraws.uniform(rng, type.boreRatioMin(), type.boreRatioMax()), 1);
            double bandScale = 0.6 + 0.6 * Math.min(1.0, p.odMm() / SampleCatalog.BASE_MAX_OD_MM);
            double thicknessMm = RandomDraws.round(
                    RandomDraws.uniform(rng, type.thicknessMin(), type.thicknessMax()) * bandScale, 1);
            boolean inch = p.allowInch() && RandomDraws.chance(rng, INCH_SHARE);
            String unit = inch ? "INCH" : "MM";

            Object[] row = new Object[ItemColumn.values().length];
            set(row, ItemColumn.ITEM_CD, p.itemCd());
            String itemNm = String.format(Locale.ROOT, "%s %s %s", p.partName(), p.material().code(),
                    inch ? String.format(Locale.ROOT, "%.3f\"", p.odMm() / MM_PER_INCH)
                            : String.format(Locale.ROOT, "Ø%.1f", p.odMm()));
            set(row, ItemColumn.ITEM_NM, itemNm);
            set(row, ItemColumn.PART_TYPE, p.partType());
            set(row, ItemColumn.PartNm, p.partName());
            set(row, ItemColumn.ITEM_SUFFIX, suffix);
            set(row, ItemColumn.ITEM_SPEC, RandomDraws.chance(rng, 0.08) ? null : String.format(Locale.ROOT,
                    "OD%.1f ID%.1f T%.1f %s", p.odMm(), idMm, thicknessMm, "MM"));
            set(row, ItemColumn.ADDITIONAL_SPEC, RandomDraws.chance(rng, 0.12)
                    ? RandomDraws.pick(rng, SampleCatalog.ADDITIONAL_SPECS) : null);
            set(row, ItemColumn.ITEM_MATERIAL, p.material().code());
            set(row, ItemColumn.MATERIAL_DESC, RandomDraws.chance(rng, 0.04) ? null : p.material().description());
            set(row, ItemColumn.ITEM_ACCT, RandomDraws.chance(rng, 0.96) ? type.itemAcct()
                    : RandomDraws.pick(rng, "반제품:M1", "제품:F1", "원자재:R1", "상품:G1"));
            set(row, ItemColumn.ITEM_TYPE, type.code());
            set(row, ItemColumn.ITEM_UNIT, type.itemUnit());
            boolean hasGroup = !RandomDraws.chance(rng, 0.03);
            set(row, ItemColumn.ITEM_GRP1, hasGroup ? type.grp1() : null);
            set(row, ItemColumn.ITEM_GRP1NM, hasGroup ? type.grp1Name() : null);
            set(row, ItemColumn.STANDARD_YN, RandomDraws.chance(rng, p.standardShare()) ? "Y" : "N");
            set(row, ItemColumn.GROUP1, RandomDraws.chance(rng, 0.35) ? null : p.group1());
            set(row, ItemColumn.GROUP2, RandomDraws.chance(rng, 0.5) ? null : p.group2());
            String rawKind = RandomDraws.chance(rng, 0.25) ? null
                    : rawKind(p.material().materialClass(), type, p.odMm());
            set(row, ItemColumn.RAW_MATL_KIND, rawKind);
            // The Korean name is filled for ~4% of the kinds: ~97% NULL overall, as upstream.
            set(row, ItemColumn.RAW_MATL_KINDNM, rawKind != null && RandomDraws.chance(rng, 0.04)
                    ? rawKindName(rawKind) : null);
            // Pairs of consecutive items share a drawing: ~163,000 drawings at 325,000 items.
            set(row, ItemColumn.DRAW_NO, RandomDraws.chance(rng, 0.04) ? null
                    : String.format(Locale.ROOT, "%s%06d", family == null ? "DN-" : "DW-", index / 2 + 1));
            set(row, ItemColumn.DRAW_REV, RandomDraws.chance(rng, 0.4) ? null
                    : RandomDraws.pick(rng, "A", "B", "C", "D", "E"));
            set(row, ItemColumn.DRAW_SHEET_NO, RandomDraws.chance(rng, 0.7) ? null
                    : RandomDraws.pick(rng, "1", "2", "3"));
            set(row, ItemColumn.OUTDIAMETER, dimension(rng, p.odMm(), inch));
            set(row, ItemColumn.INDIAMETER, dimension(rng, idMm, inch));
            set(row, ItemColumn.OUTTHICKNESS, dimension(rng, thicknessMm, inch));
            set(row, ItemColumn.OUTDIAMETER_UNIT, unit);
            Integer clockwise = RandomDraws.chance(rng, 0.3) ? null
                    : (RandomDraws.chance(rng, p.clockwiseShare()) ? 1 : 0);
            Integer counterClockwise = null;
            if (RandomDraws.chance(rng, 0.24)) {
                counterClockwise = clockwise == null ? rng.nextInt(2)
                        : (RandomDraws.chance(rng, 0.9) ? 1 - clockwise : clockwise);
            }
            set(row, ItemColumn.ROTATE_CLOCKWISE, clockwise);
            set(row, ItemColumn.ROTATE_CTRCLOCKWISE, counterClockwise);
            set(row, ItemColumn.SealTypeGrup, RandomDraws.chance(rng, 0.16) ? p.sealTypeGroup() : null);
            set(row, ItemColumn.IN_SEALTYPE_CD, RandomDraws.chance(rng, 0.40) ? null : p.sealTypeCodes().get(0));
            set(row, ItemColumn.MID_SEALTYPE_CD, RandomDraws.chance(rng, 0.55) ? null : p.sealTypeCodes().get(1));
            set(row, ItemColumn.OUT_SEALTYPE_CD, RandomDraws.chance(rng, 0.45) ? null : p.sealTypeCodes().get(2));
            sealSize(row, rng, ItemColumn.IN_SEALSIZE, ItemColumn.IN_SEALSIZE_UOM, idMm, inch, 0.20);
            sealSize(row, rng, ItemColumn.MID_SEALSIZE, ItemColumn.MID_SEALSIZE_UOM, (idMm + p.odMm()) / 2, inch, 0.16);
            sealSize(row, rng, ItemColumn.OUT_SEALSIZE, ItemColumn.OUT_SEALSIZE_UOM, p.odMm(), inch, 0.25);
            set(row, ItemColumn.INSRT_DT, created);
            items.add(row);
            return new ItemDraft(p.itemCd(), itemNm, family, p.odMm(), thicknessMm, rawKind != null, created);
        }

        /** How an item's routings stand on the sample's day; one exclusive draw per routed item. */
        private enum Validity { VALID, DISCONTINUED, PENDING, RETIRED_EXTRA, PLANNED_EXTRA }

        private void writeRoutings(int index, ItemDraft item) throws IOException {
            // A separate stream, so routing draws never shift the item attributes.
            SplittableRandom rng = RandomDraws.stream(options.seed(), ROUTING_SALT, index);
            SampleProfile profile = options.profile();
            if (!RandomDraws.chance(rng, profile.routedShare())) {
                return;
            }
            itemsWithRouting++;
            // Validity and the third routing draw from streams of their own, so adding them left the
            // routings of the default profile as they were.
            SplittableRandom validityRng = RandomDraws.stream(options.seed(), VALIDITY_SALT, index);
            Validity validity = validity(validityRng);
            Family family = item.family();
            List<String> primary = RandomDraws.chance(rng, SampleCatalog.TEMPLATE_SHARE)
                    ? family.template() : RandomDraws.pick(rng, family.variants());
            LocalDateTime primaryAt = min(item.createdAt().plusSeconds(rng.nextInt(45 * 86_400)),
                    LAST_DATE.minusHours(1));
            String primaryNo = "B#1" + family.line() + "00C";
            // Discontinued: every routing ends on one day before the sample's day; pending: every
            // routing starts on one day after it.
            LocalDate asOf = options.asOf();
            LocalDate discontinuedOn = between(validityRng, primaryAt.toLocalDate().plusDays(1), asOf.minusDays(1));
            LocalDate pendingFrom = asOf.plusDays(
                    PLANNED_MIN_DAYS + validityRng.nextInt(PLANNED_MAX_DAYS - PLANNED_MIN_DAYS + 1));
            writeRouting(item, primary, primaryNo, 1, primaryAt, rng, validity, discontinuedOn, pendingFrom);

            if (RandomDraws.chance(rng, profile.secondRoutingShare())) {
                List<String> alternative = alternative(primary, rng);
                LocalDateTime alternativeAt = min(primaryAt.plusSeconds(30L * 86_400 + rng.nextInt(370 * 86_400)),
                        LAST_DATE.minusHours(1));
                writeRouting(item, alternative, "B#2" + family.line() + "00S", 2, alternativeAt, rng,
                        validity, discontinuedOn, pendingFrom);
                SplittableRandom thirdRng = RandomDraws.stream(options.seed(), THIRD_ROUTING_SALT, index);
                if (RandomDraws.chance(thirdRng, profile.thirdRoutingShare() / profile.secondRoutingShare())) {
                    List<String> third = alternative(alternative, thirdRng);
                    LocalDateTime thirdAt = min(
                            alternativeAt.plusSeconds(30L * 86_400 + thirdRng.nextInt(370 * 86_400)),
                            LAST_DATE.minusHours(1));
                    writeRouting(item, third, "B#3" + family.line() + "00S", 3, thirdAt, thirdRng,
                            validity, discontinuedOn, pendingFrom);
                }
            }
            if (validity == Validity.RETIRED_EXTRA || validity == Validity.PLANNED_EXTRA) {
                // An extra routing of the family that differs from the primary: withdrawn before the
                // sample's day, or in force only after it.
                List<String> extra = family.template().equals(primary)
                        ? RandomDraws.pick(validityRng, family.variants()) : family.template();
                LocalDateTime extraAt = min(primaryAt.plusSeconds(30L * 86_400 + validityRng.nextInt(370 * 86_400)),
                        LAST_DATE.minusHours(1));
                boolean retired = validity == Validity.RETIRED_EXTRA;
                LocalDate endsOn = between(validityRng, extraAt.toLocalDate().plusDays(1), asOf.minusDays(1));
                writeRouting(item, extra, retired ? "B#8" + family.line() + "00R" : "B#9" + family.line() + "00P",
                        retired ? 8 : 9, extraAt, validityRng, retired ? Validity.DISCONTINUED : Validity.PENDING,
                        endsOn, pendingFrom);
            }
            if (validity != Validity.DISCONTINUED && validity != Validity.PENDING) {
                itemsWithValidRouting++;
            }
            if (workOrders != null) {
                writeWorkOrders(index, item, primary, primaryNo, primaryAt);
            }
        }

        private static Validity validity(SplittableRandom rng) {
            double u = rng.nextDouble();
            double edge = SampleProfile.DISCONTINUED_SHARE;
            if (u < edge) {
                return Validity.DISCONTINUED;
            }
            edge += SampleProfile.PENDING_SHARE;
            if (u < edge) {
                return Validity.PENDING;
            }
            edge += SampleProfile.RETIRED_SHARE;
            if (u < edge) {
                return Validity.RETIRED_EXTRA;
            }
            edge += SampleProfile.PLANNED_SHARE;
            return u < edge ? Validity.PLANNED_EXTRA : Validity.VALID;
        }

        /**
         * Alternative routing: one operation swapped for its counterpart, preferring an in-house step
         * moved to a subcontractor (외주) as happens when capacity is short.
         */
        private static List<String> alternative(List<String> routing, SplittableRandom rng) {
            List<String> alternative = new ArrayList<>(routing);
            int position = -1;
            for (int k = 0; k < alternative.size(); k++) {
                if (alternative.get(k).startsWith("사내")) {
                    position = k;
                }
            }
            if (position < 0) {
                position = rng.nextInt(alternative.size());
            }
            String substitute = SampleCatalog.SUBSTITUTES.getOrDefault(alternative.get(position), "외주8");
            if (alternative.contains(substitute)) {
                substitute = alternative.contains("외주8") ? "Q20-1" : "외주8";
            }
            alternative.set(position, substitute);
            return alternative;
        }

        /** A day from {@code first} to {@code last}, both included; {@code last} when it is before {@code first}. */
        private static LocalDate between(SplittableRandom rng, LocalDate first, LocalDate last) {
            long span = last.toEpochDay() - first.toEpochDay();
            return span < 0 ? last : first.plusDays((long) (rng.nextDouble() * (span + 1)));
        }

        /**
         * Writes one routing. It is valid from the day it was inserted until further notice, except
         * {@link Validity#DISCONTINUED} (until {@code endsOn}, or its first day if that is later) and
         * {@link Validity#PENDING} (from {@code startsOn}).
         */
        private void writeRouting(ItemDraft item, List<String> jobCodes, String routNo, int routOrder,
                                  LocalDateTime insertedAt, SplittableRandom rng, Validity validity, LocalDate endsOn,
                                  LocalDate startsOn) throws IOException {
            LocalDateTime validFrom = insertedAt.toLocalDate().atStartOfDay();
            LocalDateTime validTo = VALID_FOREVER;
            if (validity == Validity.DISCONTINUED) {
                validTo = endsOn.atStartOfDay().isBefore(validFrom) ? validFrom : endsOn.atStartOfDay();
                expiredRoutings++;
            } else if (validity == Validity.PENDING) {
                validFrom = startsOn.atStartOfDay();
                futureRoutings++;
            }
            for (int k = 0; k < jobCodes.size(); k++) {
                Operation op = SampleCatalog.OPERATIONS.get(jobCodes.get(k));
                boolean alternativeResource = RandomDraws.chance(rng, 0.05);
                Object[] row = new Object[RoutingColumn.values().length];
                set(row, RoutingColumn.ROUT_NO, routNo);
                set(row, RoutingColumn.ITEM_CD, item.itemCd());
                set(row, RoutingColumn.ITEM_NM, item.itemNm());
                set(row, RoutingColumn.PROC_SEQ, (k + 1) * 10);
                set(row, RoutingColumn.INSRT_DT, insertedAt.plusSeconds(k));
                set(row, RoutingColumn.JOB_CD, op.jobCd());
                set(row, RoutingColumn.JOB_NM, op.jobNm());
                set(row, RoutingColumn.RES_CD, alternativeResource ? op.altResCd() : op.resCd());
                set(row, RoutingColumn.RES_DIS, alternativeResource ? op.resDis() + " (대체 설비)" : op.resDis());
                set(row, RoutingColumn.INSIDE_FLAG, op.inside() ? "Y" : "N");
                set(row, RoutingColumn.TIME_UNIT, "M");
                double setup = RandomDraws.round(op.setupMinutes() * RandomDraws.lognormalFactor(rng, 0.25), 0);
                // Run time grows with the (true) outside diameter, as machining and lapping do.
                double run = RandomDraws.round((op.runBase() + op.runPerMm() * item.odMm())
                        * RandomDraws.lognormalFactor(rng, 0.2), 1);
                set(row, RoutingColumn.SETUP_TIME, setup);
                set(row, RoutingColumn.RUN_TIME, run);
                set(row, RoutingColumn.QUEUE_TIME, RandomDraws.chance(rng, 0.7) ? 0.0
                        : RandomDraws.pick(rng, 10.0, 30.0, 60.0));
                set(row, RoutingColumn.WAIT_TIME, RandomDraws.chance(rng, 0.85) ? 0.0
                        : RandomDraws.pick(rng, 15.0, 30.0));
                set(row, RoutingColumn.MOVE_TIME, RandomDraws.pick(rng, 0.0, 5.0, 10.0));
                set(row, RoutingColumn.MFG_LT, op.inside() ? (double) (1 + rng.nextInt(2))
                        : (double) (5 + rng.nextInt(10)));
                boolean hasActuals = RandomDraws.chance(rng, 0.55);
                set(row, RoutingColumn.ACT_SETUP_TIME, hasActuals
                        ? RandomDraws.round(setup * RandomDraws.lognormalFactor(rng, 0.2), 0) : null);
                set(row, RoutingColumn.ACT_RUN_TIME, hasActuals
                        ? RandomDraws.round(run * 1.05 * RandomDraws.lognormalFactor(rng, 0.2), 1) : null);
                set(row, RoutingColumn.RUN_TIME_QTY, 1.0);
                set(row, RoutingColumn.RUN_TIME_UNIT, "EA");
                if (!op.inside()) {
                    String[] vendor = VENDORS[rng.nextInt(VENDORS.length)];
                    set(row, RoutingColumn.BP_CD, vendor[0]);
                    set(row, RoutingColumn.CUST_NM, vendor[1]);
                    set(row, RoutingColumn.CUR_CD, "KRW");
                    set(row, RoutingColumn.SUBCONTRACT_PRC, RandomDraws.round(
                            (3_000 + 60 * item.odMm()) * RandomDraws.lognormalFactor(rng, 0.15), -1));
                }
                set(row, RoutingColumn.MILESTONE_FLG, k == jobCodes.size() - 1 ? "Y" : "N");
                set(row, RoutingColumn.INSP_FLG, op.jobCd().startsWith("Q") ? "Y" : "N");
                set(row, RoutingColumn.ROUT_ORDER, routOrder);
                set(row, RoutingColumn.VALID_FROM_DT, validFrom);
                set(row, RoutingColumn.VALID_TO_DT, validTo);
                set(row, RoutingColumn.REMARK, RandomDraws.chance(rng, 0.05) ? RandomDraws.pick(rng, REMARKS) : null);
                set(row, RoutingColumn.ROUT_DOC, RandomDraws.chance(rng, 0.03)
                        ? String.format(Locale.ROOT, "WI-%05d", rng.nextInt(100_000)) : null);
                boolean machining = op.resCd().startsWith("CNC") || op.resCd().startsWith("MCT");
                set(row, RoutingColumn.NC_PROGRAM, machining && RandomDraws.chance(rng, 0.4)
                        ? String.format(Locale.ROOT, "O%04d", rng.nextInt(10_000)) : null);
                set(row, RoutingColumn.RAW_MATL_SIZE, k <= 1 && item.hasRawKind() && RandomDraws.chance(rng, 0.2)
                        ? String.format(Locale.ROOT, "Ø%.0fx%.0f", item.odMm() + 5, item.thicknessMm() + 5) : null);
                set(row, RoutingColumn.JAW_SIZE, machining && RandomDraws.chance(rng, 0.1)
                        ? String.format(Locale.ROOT, "J%.0f", Math.ceil(item.odMm() / 10) * 10) : null);
                set(row, RoutingColumn.OP_DRAW_NO, RandomDraws.chance(rng, 0.05)
                        ? item.itemCd() + "-OP" + (k + 1) * 10 : null);
                routings.add(row);
            }
        }

        /** 0-2 work orders on the primary routing, each reporting every operation. */
        private void writeWorkOrders(int index, ItemDraft item, List<String> jobCodes, String routNo,
                                     LocalDateTime routedAt) throws IOException {
            SplittableRandom rng = RandomDraws.stream(options.seed(), WORK_ORDER_SALT, index);
            double draw = rng.nextDouble();
            int orders = draw < 0.35 ? 0 : draw < 0.8 ? 1 : 2;
            long window = Math.max(1, Duration.between(routedAt, LAST_DATE).getSeconds());
            for (int w = 0; w < orders; w++) {
                LocalDateTime reported = routedAt.plusSeconds(7L * 86_400 + (long) (rng.nextDouble() * window));
                reported = min(reported, LAST_DATE);
                int quantity = (int) Math.max(1, Math.round(5 * RandomDraws.lognormalFactor(rng, 0.9)));
                for (int k = 0; k < jobCodes.size(); k++) {
                    Operation op = SampleCatalog.OPERATIONS.get(jobCodes.get(k));
                    double runMinutes = (op.runBase() + op.runPerMm() * item.odMm()) * quantity;
                    Object[] row = new Object[WorkOrderColumn.values().length];
                    row[WorkOrderColumn.ITEM_CD.ordinal()] = item.itemCd();
                    row[WorkOrderColumn.PROC_SEQ.ordinal()] = (k + 1) * 10;
                    row[WorkOrderColumn.RES_CD.ordinal()] = op.resCd();
                    row[WorkOrderColumn.JOB_CD.ordinal()] = op.jobCd();
                    row[WorkOrderColumn.REPORT_DT.ordinal()] = reported;
                    row[WorkOrderColumn.MACH_WORKED_HOURS.ordinal()] = RandomDraws.round(
                            runMinutes / 60 * RandomDraws.lognormalFactor(rng, 0.25), 2);
                    row[WorkOrderColumn.SETUP_HOURS.ordinal()] = RandomDraws.round(
                            op.setupMinutes() / 60 * RandomDraws.lognormalFactor(rng, 0.3), 2);
                    row[WorkOrderColumn.ORDER_QTY.ordinal()] = quantity;
                    // Scrap is rare and at most a fifth of the order (at least one piece when it happens).
                    row[WorkOrderColumn.BAD_QTY.ordinal()] = RandomDraws.chance(rng, 0.05)
                            ? 1 + rng.nextInt(quantity / 5 + 1) : 0;
                    row[WorkOrderColumn.ROUT_NO.ordinal()] = routNo;
                    workOrders.add(row);
                }
            }
        }

        /** The family value most of the time, otherwise any value of the pool. */
        private static String noisy(SplittableRandom rng, String familyValue, List<String> pool) {
            return RandomDraws.chance(rng, 0.88) ? familyValue : RandomDraws.pick(rng, pool);
        }

        /** NUMERIC(18,4) value in the item's unit, or the 9999 "unknown" sentinel. */
        private static BigDecimal dimension(SplittableRandom rng, double mm, boolean inch) {
            if (RandomDraws.chance(rng, SENTINEL_SHARE)) {
                return numeric(SENTINEL);
            }
            return numeric(inch ? mm / MM_PER_INCH : mm);
        }

        private static void sealSize(Object[] row, SplittableRandom rng, ItemColumn size, ItemColumn uom,
                                     double mm, boolean inch, double nullShare) {
            if (RandomDraws.chance(rng, nullShare)) {
                return;
            }
            // Seal sizes are nominal: whole millimetres, or eighths of an inch.
            double value = inch ? Math.round(mm / MM_PER_INCH * 8) / 8.0 : Math.round(mm);
            set(row, size, numeric(value));
            set(row, uom, inch ? "INCH" : "MM");
        }

        private static String rawKind(String materialClass, ItemType type, double odMm) {
            return switch (materialClass) {
                case "CARBIDE" -> "SN";
                case "CARBON" -> "BL";
                case "ELASTOMER" -> "CP";
                case "PLASTIC" -> "RB";
                case "SUPERALLOY" -> "FG";
                default -> type.code().equals("SV") ? "PP"
                        : type.code().equals("GL") && odMm >= 110 ? "PL"
                        : odMm >= 180 ? "FG" : "RB";
            };
        }

        private static String rawKindName(String code) {
            String name = RAW_KIND_NAMES.get(code);
            if (name == null) {
                throw new IllegalStateException("No name for raw material kind " + code);
            }
            return name;
        }

        private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
            return a.isBefore(b) ? a : b;
        }
    }

    private static BigDecimal numeric(double value) {
        return BigDecimal.valueOf(value).setScale(SampleSchema.NUMERIC_SCALE, RoundingMode.HALF_UP);
    }

    private static void set(Object[] row, ItemColumn column, Object value) {
        row[column.ordinal()] = value;
    }

    private static void set(Object[] row, RoutingColumn column, Object value) {
        row[column.ordinal()] = value;
    }
}
