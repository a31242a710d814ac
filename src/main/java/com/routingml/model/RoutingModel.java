package com.routingml.model;

import com.routingml.access.Item;
import com.routingml.access.Routing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained, immutable routing recommender: the encoder, the index over items that have
 * routings, their routings, and the version's metadata. Safe to share across threads.
 */
public final class RoutingModel {

    /** How many neighbours are looked at per requested candidate (distinct routings are fewer than items). */
    private static final int NEIGHBOURS_PER_CANDIDATE = 4;
    private static final int MIN_NEIGHBOURS = 20;
    private static final int MAX_REFERENCES = 3;
    /** Votes are similarity^4: close neighbours count much more than merely related ones. */
    private static final double VOTE_POWER = 4;

    private final ModelMetadata metadata;
    private final SimilarityIndex index;
    private final List<String> itemCodes;
    private final List<List<Routing>> routings;
    private final Map<String, Integer> rowOf;

    public RoutingModel(ModelMetadata metadata, SimilarityIndex index, List<String> itemCodes,
            List<List<Routing>> routings) {
        if (itemCodes.size() != index.size() || routings.size() != index.size()) {
            throw new IllegalArgumentException("model rows disagree: index " + index.size() + ", item codes "
                    + itemCodes.size() + ", routings " + routings.size());
        }
        this.metadata = metadata;
        this.index = index;
        this.itemCodes = List.copyOf(itemCodes);
        this.routings = routings.stream().map(List::copyOf).toList();
        this.rowOf = new HashMap<>(itemCodes.size() * 2);
        for (int i = 0; i < itemCodes.size(); i++) {
            rowOf.put(itemCodes.get(i), i);
        }
    }

    /**
     * Recommends up to {@code topK} distinct routings for an item from every routing of the model,
     * i.e. as on the day it was trained (all of them were in force then). An item that is itself in
     * the index is never its own neighbour: the question is what similar items suggest.
     *
     * @throws IllegalArgumentException when {@code topK < 1} or the item has no feature value
     */
    public Recommendation recommend(Item query, int topK) {
        return recommend(query, topK, null);
    }

    /**
     * Recommends as {@link #recommend(Item, int)}, from the routings still in force on {@code day}
     * ({@link Routing#inForceOn}): a routing that ended after training is never recommended. A
     * neighbour whose routings have all ended still counts among the neighbours, with no vote.
     *
     * @param day the day of the recommendation; null: every routing of the model
     * @throws IllegalArgumentException when {@code topK < 1} or the item has no feature value
     */
    public Recommendation recommend(Item query, int topK, LocalDate day) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        FeatureEncoder.Encoded q = index.encoder().encode(query);
        int exclude = query.itemCode() == null ? -1 : rowOf.getOrDefault(query.itemCode(), -1);
        int k = Math.max(MIN_NEIGHBOURS, topK * NEIGHBOURS_PER_CANDIDATE);
        List<SimilarityIndex.Neighbour> neighbours = index.search(q, k, exclude);

        Map<List<String>, Group> groups = new LinkedHashMap<>();
        double totalVote = 0;
        for (SimilarityIndex.Neighbour n : neighbours) {
            double vote = Math.pow(n.score(), VOTE_POWER);
            for (Routing r : routings.get(n.row())) {
                if (day != null && !r.inForceOn(day)) {
                    continue;
                }
                Group g = groups.computeIfAbsent(r.jobCodes(), key -> new Group(n.row(), r));
                g.support++;
                g.vote += vote;
                totalVote += vote;
                if (g.refs.size() < MAX_REFERENCES
                        && g.refs.stream().noneMatch(x -> x.itemCode().equals(itemCodes.get(n.row())))) {
                    g.refs.add(new Recommendation.Reference(itemCodes.get(n.row()), r.routingNo(), n.score()));
                }
            }
        }
        // Rank routings by their similarity-weighted vote among the neighbours, not by the single
        // nearest item: one odd neighbour should not outvote its whole family. Stable sort keeps
        // first-seen (more similar) routings first on equal votes.
        List<Group> ranked = new ArrayList<>(groups.values());
        ranked.sort(Comparator.comparingDouble((Group g) -> g.vote).reversed());
        List<Recommendation.Candidate> candidates = new ArrayList<>();
        QueryValues values = new QueryValues(query);
        for (Group g : ranked.subList(0, Math.min(topK, ranked.size()))) {
            List<Recommendation.Contribution> why = explain(values, q, g.row);
            double score = why.stream().mapToDouble(Recommendation.Contribution::contribution).sum();
            candidates.add(new Recommendation.Candidate(candidates.size() + 1, score,
                    totalVote > 0 ? g.vote / totalVote : 0, g.support, g.routing.jobCodes(), g.refs,
                    g.routing.operations(), why));
        }
        double best = neighbours.isEmpty() ? 0 : exactScore(q, neighbours.get(0).row());
        return new Recommendation(metadata.version(), query.itemCode(), best, candidates);
    }

    private double exactScore(FeatureEncoder.Encoded q, int row) {
        return index.terms(q, row).stream().mapToDouble(SimilarityIndex.Term::contribution).sum();
    }

    private static final class Group {
        final int row;
        final Routing routing;
        final List<Recommendation.Reference> refs = new ArrayList<>();
        int support;
        double vote;

        Group(int row, Routing routing) {
            this.row = row;
            this.routing = routing;
        }
    }

    /**
     * The query's side of the explanation, each value rendered once per recommendation rather than
     * once per candidate.
     */
    private final class QueryValues {
        private final Item query;
        private final String[] categorical = new String[index.encoder().categoricalCount()];
        private final boolean[] categoricalDone = new boolean[categorical.length];
        private final String[] lengths = new String[index.encoder().lengthCount()];
        private final boolean[] lengthDone = new boolean[lengths.length];

        QueryValues(Item query) {
            this.query = query;
        }

        String categorical(int slot) {
            if (!categoricalDone[slot]) {
                categorical[slot] = FeatureEncoder.canonical(query.get(index.encoder().categoricalSpec(slot).column()));
                categoricalDone[slot] = true;
            }
            return categorical[slot];
        }

        String length(int slot) {
            if (!lengthDone[slot]) {
                lengths[slot] = mm(index.encoder().millimetres(query, slot));
                lengthDone[slot] = true;
            }
            return lengths[slot];
        }
    }

    private List<Recommendation.Contribution> explain(QueryValues query, FeatureEncoder.Encoded q, int row) {
        FeatureEncoder enc = index.encoder();
        List<Recommendation.Contribution> out = new ArrayList<>();
        for (SimilarityIndex.Term t : index.terms(q, row)) {
            String feature;
            String qv;
            String iv;
            boolean matched;
            if (t.categorical()) {
                FeatureSpec spec = enc.categoricalSpec(t.slot());
                feature = spec.column();
                qv = query.categorical(t.slot());
                iv = enc.categoryValue(t.slot(), index.code(t.slot(), row));
                matched = t.similarity() == 1;
            } else {
                FeatureSpec spec = enc.lengthSpec(t.slot());
                feature = spec.column();
                qv = query.length(t.slot());
                iv = mm(enc.millimetresOf(t.slot(), index.length(t.slot(), row)));
                matched = t.similarity() >= 0.5; // within one bandwidth
            }
            out.add(new Recommendation.Contribution(feature, qv, iv, t.share(), t.similarity(),
                    t.contribution(), matched));
        }
        out.sort(Comparator.comparingDouble(Recommendation.Contribution::contribution).reversed());
        return out;
    }

    /** A length as "12.30 mm" (two decimals, half up), without String.format: this runs per term of every answer. */
    static String mm(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString() + " mm";
    }

    /** The same model with other metadata (e.g. the drift calibration added after training). */
    public RoutingModel withMetadata(ModelMetadata m) {
        return new RoutingModel(m, index, itemCodes, routings);
    }

    /** The row of an indexed item, or -1. */
    public int rowOf(String itemCode) {
        return rowOf.getOrDefault(itemCode, -1);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String version() {
        return metadata.version();
    }

    public SimilarityIndex index() {
        return index;
    }

    public List<String> itemCodes() {
        return itemCodes;
    }

    public List<List<Routing>> routings() {
        return routings;
    }

    public int size() {
        return index.size();
    }
}
