package com.routingml.sample;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Reference data and product families of the sample database: operations (JOB_CD with its fixed
 * resource and name), materials, item types, PART_TYPE groups, size bands, and the seeded product
 * families that tie attributes to a routing template.
 *
 * <p>Why families: the generated data must be learnable but noisy. An item's key attributes
 * (ITEM_TYPE, PART_TYPE group, material class, OUTDIAMETER band) come from its family and its
 * routing is the family template about 80% of the time, otherwise one of three fixed variants.
 * Several families share a PART_TYPE group and differ only by material class or size band, so a
 * nearest-neighbour model has to use more than one attribute.
 *
 * <p>Immutable once built; a catalog depends only on the seed and the item count.
 */
final class SampleCatalog {

    /** Number of base product families; enough that memorising a handful does not work. */
    static final int FAMILY_COUNT = 64;

    /** Share of routed items whose primary routing is exactly the family template. */
    static final double TEMPLATE_SHARE = 0.80;

    /** Distinct PART_TYPE values in production (docs/data-model.md) at {@link #PRODUCTION_ITEMS}. */
    static final int PRODUCTION_PART_TYPES = 424;
    static final int PRODUCTION_ITEMS = 325_000;

    static final int MIN_OPERATIONS = 3;
    static final int MAX_OPERATIONS = 8;

    private static final long CATALOG_SALT = 0x5ca7a106L;

    /**
     * One operation. {@code stage} orders operations inside a routing (cutting before turning
     * before inspection...). Run time in minutes is {@code runBase + runPerMm * OD[mm]}.
     */
    record Operation(String jobCd, String jobNm, String resCd, String altResCd, String resDis,
                     boolean inside, int stage, double setupMinutes, double runBase, double runPerMm) {
    }

    /** A material code with its Korean description and its material class. */
    record Material(String code, String description, String materialClass) {
    }

    /** ITEM_TYPE with the attributes that follow from it. */
    record ItemType(String code, char codePrefix, String itemAcct, String itemUnit, String grp1,
                    String grp1Name, List<String> materialClasses, List<String> coreOps,
                    List<String> requiredOps, double thicknessMin, double thicknessMax,
                    double boreRatioMin, double boreRatioMax) {
    }

    /** A PART_TYPE group: its code stem, English part name and the PART_TYPE values it owns. */
    record PartGroup(String stem, String partName, String itemType, List<String> partTypes,
                     double[] cumulativeWeights) {
    }

    /** Outside-diameter band in millimetres, [min, max). */
    record SizeBand(int index, double minMm, double maxMm) {
    }

    /**
     * A product family: key attributes plus its routing template and three fixed variants
     * (one operation inserted, removed or substituted).
     */
    record Family(int id, ItemType itemType, PartGroup partGroup, String materialClass,
                  Material primaryMaterial, SizeBand band, String sealTypeGroup,
                  String inSealType, String midSealType, String outSealType,
                  double clockwiseShare, double standardShare, String group1, String group2,
                  char line, List<String> template, List<List<String>> variants) {
    }

    static final Map<String, Operation> OPERATIONS = operations();

    /** Outsourced ↔ in-house counterparts and sibling operations used for substitutions. */
    static final Map<String, String> SUBSTITUTES = Map.ofEntries(
            Map.entry("외주5", "사내5"), Map.entry("사내5", "외주5"),
            Map.entry("외주8", "사내8"), Map.entry("사내8", "외주8"),
            Map.entry("F20-1", "F20-2"), Map.entry("F20-2", "F20-1"),
            Map.entry("F36-1", "F37-1"), Map.entry("F37-1", "F36-1"),
            Map.entry("F40-1", "F40-2"), Map.entry("F40-2", "F40-1"),
            Map.entry("F30-1", "F30-2"), Map.entry("F30-2", "F30-1"),
            Map.entry("Q30-1", "Q20-1"), Map.entry("Q20-1", "Q30-1"),
            Map.entry("F35-1", "F36-1"), Map.entry("F60-1", "F20-3"),
            Map.entry("F20-3", "F60-1"), Map.entry("F10-1", "F61-1"),
            Map.entry("F61-1", "F10-1"), Map.entry("F25-1", "F20-2"),
            Map.entry("F45-1", "Q20-1"), Map.entry("F50-1", "F30-1"),
            Map.entry("F15-1", "F16-1"), Map.entry("F16-1", "F15-1"),
            Map.entry("F62-1", "F60-1"));

    static final Map<String, List<Material>> MATERIALS_BY_CLASS = materials();

    static final List<ItemType> ITEM_TYPES = itemTypes();

    static final List<SizeBand> SIZE_BANDS = List.of(
            new SizeBand(0, 10, 25), new SizeBand(1, 25, 45), new SizeBand(2, 45, 70),
            new SizeBand(3, 70, 110), new SizeBand(4, 110, 180), new SizeBand(5, 180, 300),
            new SizeBand(6, 300, 480));

    /** Largest OUTDIAMETER (mm, sentinels aside) any base item can have. */
    static final double BASE_MAX_OD_MM = 480;

    static final List<String> SEAL_TYPE_GROUPS = List.of(
            "SINGLE", "DOUBLE", "TANDEM", "CARTRIDGE", "BELLOWS", "SPLIT", "MIXER", "SLURRY");
    static final List<String> SEAL_TYPE_CODES = List.of(
            "OR-V", "OR-E", "OR-N", "WDG-P", "BLW-M", "LIP-P", "GSK-G", "PTF-J", "SPR-W", "CUP-E");
    static final List<String> GROUP1_VALUES = List.of("PUMP", "MIXER", "COMPRESSOR", "AGITATOR", "BLOWER");
    static final List<String> GROUP2_VALUES = List.of("OIL&GAS", "CHEMICAL", "POWER", "WATER", "PULP", "PHARMA");
    static final List<String> ADDITIONAL_SPECS = List.of(
            "API 682 4th", "NACE MR0175", "도금 후 연마", "경면 래핑 2 LB", "PMI 검사 요구", "ASME B16.5 CL150");
    static final char[] LINES = {'L', 'K', 'M', 'P'};

    /** The shifted (drifted) population: a product family absent from the base catalog. */
    static final ItemType SHIFTED_TYPE = new ItemType("DG", 'N', "제품:F1", "SET", "G90", "드라이가스씰",
            List.of("SUPERALLOY"), List.of(), List.of(), 40, 160, 0.55, 0.75);
    static final List<Material> SHIFTED_MATERIALS = List.of(
            new Material("INCONEL718", "인코넬 718", "SUPERALLOY"),
            new Material("INCONEL625", "인코넬 625", "SUPERALLOY"));
    static final List<String> SHIFTED_PART_TYPES = List.of(
            "DGS-T01", "DGS-T02", "DGS-D01", "DGS-D02", "DGS-B01", "DGS-S01");
    static final List<String> SHIFTED_SEAL_TYPE_CODES = List.of("DG-SPIRAL", "DG-TANDEM", "DG-LABY");
    static final double SHIFTED_MIN_OD_MM = 600;
    static final double SHIFTED_MAX_OD_MM = 1500;

    private final List<Family> families;
    private final double[] familyCumulative;
    private final List<PartGroup> partGroups;

    private SampleCatalog(List<Family> families, double[] familyCumulative, List<PartGroup> partGroups) {
        this.families = List.copyOf(families);
        this.familyCumulative = familyCumulative;
        this.partGroups = List.copyOf(partGroups);
    }

    List<Family> families() {
        return families;
    }

    List<PartGroup> partGroups() {
        return partGroups;
    }

    Family pickFamily(SplittableRandom rng) {
        return families.get(RandomDraws.weightedIndex(rng, familyCumulative));
    }

    /**
     * Number of distinct PART_TYPE values for a base population of {@code items}: about 120 at
     * 20,000 items and 424 at 325,000 (production), growing like items^0.45 as the long tail of
     * rare part types fills in; never fewer than one per group.
     */
    static int partTypeCount(int items, int groups) {
        double scaled = PRODUCTION_PART_TYPES * Math.pow(items / (double) PRODUCTION_ITEMS, 0.45);
        return Math.max(groups, (int) Math.round(scaled));
    }

    /** Builds the catalog for a seed; the result depends only on {@code seed} and {@code items}. */
    static SampleCatalog build(long seed, int items) {
        SplittableRandom rng = RandomDraws.stream(seed, CATALOG_SALT, 0);
        List<PartGroup> groups = partGroups(items);

        List<Family> families = new ArrayList<>(FAMILY_COUNT);
        Set<String> keys = new HashSet<>();
        Set<List<String>> templates = new HashSet<>();
        for (int id = 0; id < FAMILY_COUNT; id++) {
            // Round-robin over groups so every PART_TYPE group (and so every PART_TYPE) is used.
            PartGroup group = groups.get(id % groups.size());
            ItemType type = itemType(group.itemType());
            String materialClass;
            SizeBand band;
            do {
                materialClass = RandomDraws.pick(rng, type.materialClasses());
                band = RandomDraws.pick(rng, SIZE_BANDS);
            } while (!keys.add(group.stem() + '|' + materialClass + '|' + band.index()));

            List<String> template;
            int attempts = 0;
            do {
                template = template(rng, type, materialClass, band);
                attempts++;
            } while (!templates.add(template) && attempts < 100);

            List<Material> materials = MATERIALS_BY_CLASS.get(materialClass);
            families.add(new Family(id, type, group, materialClass, RandomDraws.pick(rng, materials), band,
                    RandomDraws.pick(rng, SEAL_TYPE_GROUPS),
                    RandomDraws.pick(rng, SEAL_TYPE_CODES), RandomDraws.pick(rng, SEAL_TYPE_CODES),
                    RandomDraws.pick(rng, SEAL_TYPE_CODES),
                    RandomDraws.chance(rng, 0.5) ? 0.85 : 0.2,
                    RandomDraws.uniform(rng, 0.1, 0.6),
                    RandomDraws.pick(rng, GROUP1_VALUES), RandomDraws.pick(rng, GROUP2_VALUES),
                    LINES[rng.nextInt(LINES.length)], template, variants(rng, template)));
        }

        // Popularity is Zipf-like over a shuffled order: a few big families, a long tail.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < FAMILY_COUNT; i++) {
            order.add(i);
        }
        shuffle(order, rng);
        double[] weights = new double[FAMILY_COUNT];
        for (int rank = 0; rank < FAMILY_COUNT; rank++) {
            weights[order.get(rank)] = 1.0 / Math.pow(rank + 1, 0.6);
        }
        double[] cumulative = new double[FAMILY_COUNT];
        double sum = 0;
        for (int i = 0; i < FAMILY_COUNT; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return new SampleCatalog(families, cumulative, groups);
    }

    static ItemType itemType(String code) {
        for (ItemType type : ITEM_TYPES) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown ITEM_TYPE " + code);
    }

    /** A family template: optional material issue, core ops, material/size ops, inspection. */
    private static List<String> template(SplittableRandom rng, ItemType type, String materialClass, SizeBand band) {
        Set<String> ops = new HashSet<>(type.requiredOps());
        List<String> core = new ArrayList<>(type.coreOps());
        shuffle(core, rng);
        // Two or three core steps (one for types with a short pool): 3-8 operations, mean ~5.3.
        int coreCount = Math.min(core.size(), 2 + rng.nextInt(2));
        ops.addAll(core.subList(0, coreCount));
        if (RandomDraws.chance(rng, 0.7)) {
            ops.add("F61-1");
        }
        List<String> materialOps = switch (materialClass) {
            case "ALLOY" -> List.of("외주5", "사내5", "F35-1");
            case "CARBIDE" -> List.of("F36-1", "F35-1", "F37-1");
            case "CARBON" -> List.of("F36-1", "F37-1");
            case "STEEL" -> List.of("외주8", "사내8", "외주5");
            case "STAINLESS" -> List.of("사내8", "F60-1", "F20-3");
            default -> List.of("F20-3", "F60-1");
        };
        if (RandomDraws.chance(rng, 0.65)) {
            ops.add(RandomDraws.pick(rng, materialOps));
        }
        if (band.index() >= 5 && RandomDraws.chance(rng, 0.7)) {
            ops.add("F25-1");
        }
        if (RandomDraws.chance(rng, 0.85)) {
            ops.add("Q30-1");
        }
        if (RandomDraws.chance(rng, 0.3)) {
            ops.add("F62-1");
        }
        List<String> ordered = byStage(ops);
        while (ordered.size() < MIN_OPERATIONS) {
            String extra = RandomDraws.pick(rng, "Q20-1", "F60-1", "F20-3");
            if (!ordered.contains(extra)) {
                ordered.add(extra);
                ordered = byStage(ordered);
            }
        }
        while (ordered.size() > MAX_OPERATIONS) {
            ordered.remove(1 + rng.nextInt(ordered.size() - 2));
        }
        return List.copyOf(ordered);
    }

    /** Three distinct variants of a template: insert, remove (or a second insert) and substitute. */
    private static List<List<String>> variants(SplittableRandom rng, List<String> template) {
        Set<List<String>> variants = new LinkedHashSet<>();
        List<String> allOps = new ArrayList<>(OPERATIONS.keySet());
        int guard = 0;
        while (variants.size() < 3 && guard++ < 200) {
            List<String> variant = new ArrayList<>(template);
            int kind = variants.size();
            if (kind == 0 || (kind == 1 && template.size() <= MIN_OPERATIONS)) {
                if (variant.size() >= MAX_OPERATIONS) {
                    variant.remove(1 + rng.nextInt(variant.size() - 1));
                }
                String op = RandomDraws.pick(rng, allOps);
                if (variant.contains(op)) {
                    continue;
                }
                variant.add(op);
                variant = byStage(variant);
            } else if (kind == 1) {
                variant.remove(rng.nextInt(variant.size()));
            } else {
                int position = rng.nextInt(variant.size());
                String substitute = SUBSTITUTES.get(variant.get(position));
                if (substitute == null || variant.contains(substitute)) {
                    continue;
                }
                variant.set(position, substitute);
            }
            if (!variant.equals(template)) {
                variants.add(List.copyOf(variant));
            }
        }
        if (variants.isEmpty()) { // practically impossible: most draws above succeed
            throw new IllegalStateException("No routing variant found for template " + template);
        }
        return List.copyOf(variants);
    }

    private static List<String> byStage(Collection<String> ops) {
        List<String> ordered = new ArrayList<>(ops);
        ordered.sort((a, b) -> {
            int byStage = Integer.compare(OPERATIONS.get(a).stage(), OPERATIONS.get(b).stage());
            return byStage != 0 ? byStage : a.compareTo(b);
        });
        return ordered;
    }

    /** Fisher-Yates with the seeded generator ({@code Collections.shuffle} needs a Random). */
    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }

    private static List<PartGroup> partGroups(int items) {
        String[][] stems = {
                {"CS", "CARTRIDGE SEAL", "MS"}, {"CP", "COMPONENT SEAL", "MS"}, {"DS", "DOUBLE SEAL", "MS"},
                {"RF", "ROTATING FACE", "SR"}, {"SF", "STATIONARY FACE", "SR"},
                {"SL", "SHAFT SLEEVE", "SV"}, {"GP", "GLAND PLATE", "GL"}, {"FL", "FLANGE", "GL"},
                {"BW", "METAL BELLOWS", "SP"}, {"SG", "SPRING", "SP"}, {"CL", "DRIVE COLLAR", "CR"},
                {"RT", "RETAINER", "CR"}, {"OR", "O-RING", "OR"}, {"GK", "GASKET", "OR"},
                {"TB", "THROTTLE BUSH", "BU"}, {"BB", "BEARING BUSH", "BU"}};
        int total = partTypeCount(items, stems.length);
        List<PartGroup> groups = new ArrayList<>(stems.length);
        for (int g = 0; g < stems.length; g++) {
            int count = total / stems.length + (g < total % stems.length ? 1 : 0);
            List<String> values = new ArrayList<>(count);
            for (int k = 1; k <= count; k++) {
                values.add(String.format("%s-%03d", stems[g][0], k));
            }
            groups.add(new PartGroup(stems[g][0], stems[g][1], stems[g][2], List.copyOf(values),
                    RandomDraws.zipfCumulative(count, 0.8)));
        }
        return groups;
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> ops = new LinkedHashMap<>();
        add(ops, "F61-1", "자재불출", "MAT-WC1", "MAT-WC2", "자재창고", true, 0, 0, 3, 0.02);
        add(ops, "F10-1", "절단", "SAW-WC1", "SAW-WC2", "밴드쏘 절단기", true, 1, 10, 4, 0.05);
        add(ops, "F15-1", "고무 성형", "MLD-WC1", "MLD-WC3", "고무 성형기", true, 1, 30, 6, 0.04);
        add(ops, "F16-1", "가류", "MLD-WC2", "MLD-WC3", "가류 프레스", true, 2, 20, 8, 0.03);
        add(ops, "F20-1", "황삭 선삭", "CNC-WC3", "CNC-WC5", "CNC 선반 3호기", true, 2, 30, 8, 0.18);
        add(ops, "F20-2", "정삭 선삭", "CNC-WC3", "CNC-WC5", "CNC 선반 3호기", true, 3, 25, 6, 0.15);
        add(ops, "F25-1", "보링", "CNC-WC4", "CNC-WC5", "CNC 보링기", true, 3, 40, 10, 0.12);
        add(ops, "F30-1", "밀링", "MCT-WC1", "MCT-WC3", "머시닝센터 1호기", true, 4, 35, 7, 0.10);
        add(ops, "F30-2", "드릴/탭", "MCT-WC2", "MCT-WC3", "머시닝센터 2호기", true, 4, 20, 5, 0.06);
        add(ops, "F50-1", "TIG 용접", "WLD-WC1", "WLD-WC2", "용접 작업장", true, 5, 15, 12, 0.10);
        add(ops, "외주5", "외주 열처리", "SUB-HT", "SUB-HT2", "외주 열처리 업체", false, 6, 0, 30, 0.05);
        add(ops, "사내5", "사내 열처리", "HT-WC1", "HT-WC2", "열처리로", true, 6, 20, 25, 0.05);
        add(ops, "F35-1", "연삭", "GRD-WC1", "GRD-WC2", "원통 연삭기", true, 7, 25, 6, 0.12);
        add(ops, "F36-1", "래핑", "LAP-WC1", "LAP-WC3", "래핑기 1호기", true, 8, 15, 10, 0.14);
        add(ops, "F37-1", "폴리싱", "LAP-WC2", "LAP-WC3", "폴리싱기", true, 8, 10, 6, 0.08);
        add(ops, "외주8", "외주 표면처리", "SUB-WC8", "SUB-WC9", "외주 도금/코팅 업체", false, 9, 0, 20, 0.04);
        add(ops, "사내8", "사내 표면처리", "SHOP-WC8", "SHOP-WC9", "사내 표면처리장", true, 9, 15, 12, 0.04);
        add(ops, "F20-3", "디버링/사상", "FIN-WC1", "FIN-WC2", "사상 작업대", true, 10, 5, 3, 0.03);
        add(ops, "F60-1", "세척", "CLN-WC1", "CLN-WC2", "초음파 세척기", true, 11, 5, 4, 0.02);
        add(ops, "Q20-1", "치수 검사", "INS-WC3", "INS-WC4", "3차원 측정실", true, 12, 5, 8, 0.05);
        add(ops, "F40-2", "부분 조립", "ASY-WC1B", "ASY-WC2", "조립 1라인 B", true, 13, 10, 12, 0.08);
        add(ops, "F40-1", "조립", "ASY-WC1A", "ASY-WC2", "조립 1라인 A", true, 13, 10, 14, 0.09);
        add(ops, "F45-1", "정수압 시험", "TST-WC1", "TST-WC2", "정수압 시험대", true, 14, 10, 15, 0.04);
        add(ops, "Q30-1", "최종 검사", "INS-WC2", "INS-WC4", "품질검사실 2", true, 15, 5, 10, 0.04);
        add(ops, "F62-1", "포장", "PKG-WC1", "PKG-WC2", "포장장", true, 16, 0, 4, 0.01);
        return Collections.unmodifiableMap(ops);
    }

    private static void add(Map<String, Operation> ops, String jobCd, String jobNm, String resCd, String altResCd,
                            String resDis, boolean inside, int stage, double setup, double runBase, double runPerMm) {
        ops.put(jobCd, new Operation(jobCd, jobNm, resCd, altResCd, resDis, inside, stage, setup, runBase, runPerMm));
    }

    private static Map<String, List<Material>> materials() {
        Map<String, List<Material>> byClass = new LinkedHashMap<>();
        byClass.put("STAINLESS", List.of(
                new Material("SUS316", "스테인리스강 316", "STAINLESS"),
                new Material("SUS316L", "스테인리스강 316L", "STAINLESS"),
                new Material("SUS304", "스테인리스강 304", "STAINLESS"),
                new Material("SCS14", "스테인리스 주강 SCS14", "STAINLESS")));
        byClass.put("ALLOY", List.of(
                new Material("HASTELLOY-C", "하스텔로이 C276", "ALLOY"),
                new Material("DUPLEX", "듀플렉스 스테인리스 2205", "ALLOY"),
                new Material("ALLOY20", "알로이 20", "ALLOY"),
                new Material("TI-GR2", "티타늄 2종", "ALLOY")));
        byClass.put("CARBIDE", List.of(
                new Material("SIC", "반응소결 탄화규소", "CARBIDE"),
                new Material("SSIC", "상압소결 탄화규소", "CARBIDE"),
                new Material("WC-CO", "초경합금(코발트 바인더)", "CARBIDE"),
                new Material("WC-NI", "초경합금(니켈 바인더)", "CARBIDE")));
        byClass.put("CARBON", List.of(
                new Material("CARBON-R", "레진함침 카본", "CARBON"),
                new Material("CARBON-A", "안티몬함침 카본", "CARBON")));
        byClass.put("ELASTOMER", List.of(
                new Material("FKM", "불소고무", "ELASTOMER"),
                new Material("EPDM", "에틸렌프로필렌고무", "ELASTOMER"),
                new Material("NBR", "니트릴고무", "ELASTOMER"),
                new Material("FFKM", "퍼플루오로고무", "ELASTOMER")));
        byClass.put("STEEL", List.of(
                new Material("S45C", "기계구조용 탄소강", "STEEL"),
                new Material("SCM440", "크롬몰리브덴강", "STEEL"),
                new Material("SS400", "일반구조용 압연강재", "STEEL")));
        byClass.put("PLASTIC", List.of(
                new Material("PTFE", "테플론(PTFE)", "PLASTIC"),
                new Material("PEEK", "피크(PEEK)", "PLASTIC")));
        return Collections.unmodifiableMap(byClass);
    }

    private static List<ItemType> itemTypes() {
        return List.of(
                new ItemType("MS", 'H', "제품:F1", "SET", "G10", "메카니컬씰",
                        List.of("STAINLESS", "ALLOY"), List.of("F40-2", "F45-1", "F60-1", "Q20-1"),
                        List.of("F40-1"), 30, 120, 0.45, 0.7),
                new ItemType("SR", 'R', "반제품:M1", "EA", "G20", "씰링 부품",
                        List.of("CARBIDE", "CARBON"), List.of("F20-1", "F35-1", "F36-1", "F37-1", "F60-1", "Q20-1"),
                        List.of(), 6, 25, 0.6, 0.85),
                new ItemType("SV", 'S', "반제품:M1", "EA", "G30", "축 슬리브",
                        List.of("STAINLESS", "ALLOY", "STEEL"), List.of("F10-1", "F20-2", "F30-2", "F35-1", "F20-3"),
                        List.of("F20-1"), 40, 220, 0.7, 0.9),
                new ItemType("GL", 'G', "반제품:M1", "EA", "G40", "글랜드/플랜지",
                        List.of("STAINLESS", "ALLOY", "STEEL"), List.of("F10-1", "F30-1", "F30-2", "F50-1", "F20-3"),
                        List.of("F20-1"), 12, 60, 0.35, 0.6),
                new ItemType("SP", 'P', "반제품:M1", "EA", "G50", "스프링/벨로우즈",
                        List.of("STAINLESS", "ALLOY"), List.of("F50-1", "F10-1", "F45-1", "F60-1"),
                        List.of(), 10, 80, 0.7, 0.9),
                new ItemType("CR", 'C', "반제품:M1", "EA", "G60", "칼라/리테이너",
                        List.of("STAINLESS", "STEEL", "PLASTIC"), List.of("F20-1", "F30-2", "F20-3", "F30-1"),
                        List.of(), 8, 40, 0.6, 0.85),
                new ItemType("OR", 'O', "원자재:R1", "EA", "G70", "고무/개스킷",
                        List.of("ELASTOMER", "PLASTIC"), List.of("F15-1", "F16-1", "F20-3"),
                        List.of(), 1.5, 8, 0.8, 0.95),
                new ItemType("BU", 'B', "반제품:M1", "EA", "G80", "부시",
                        List.of("CARBON", "PLASTIC", "CARBIDE"), List.of("F20-2", "F25-1", "F35-1"),
                        List.of("F20-1"), 15, 80, 0.6, 0.85));
    }
}
