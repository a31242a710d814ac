package com.routingml.bench;

import com.routingml.access.Item;
import com.routingml.model.FeatureEncoder;
import com.routingml.model.Recommendation;
import com.routingml.model.RoutingModel;
import com.routingml.model.SimilarityIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * In-process prediction latency at the bench model's size (~100,000 indexed items by default, ~178,000
 * for the production shape), one thread, over a fixed seeded set of
 * {@value BenchData#QUERY_COUNT} new (unindexed) items:
 * <ul>
 *   <li>{@link #recommend}: {@code RoutingModel.recommend(item, 10, day)} as a prediction calls it — encode, search
 *       (k = max(20, 4·10) = 40 neighbours), group and rank routings, explain the top 10;</li>
 *   <li>{@link #search10} / {@link #search40}: {@code SimilarityIndex.search} alone on the
 *       pre-encoded query, k = 10 and k = 40 (what recommend asks for).</li>
 * </ul>
 * SampleTime mode, so JMH reports p50/p90/p99/p99.9 as well as the mean.
 *
 * <p>The setup verifies exactness: for {@value #RECALL_SAMPLE} queries it ranks every indexed row
 * by the exact double-precision similarity (sum of the per-feature terms) with a full sort and
 * checks that {@code search(q, 10)} returns a top 10 of it (tie-aware: a returned row is correct
 * if its exact score is at least the 10th best exact score − {@value #EPS}). Any miss fails the
 * setup, so a run that reports figures has recall@10 = 1.0 on that sample.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class PredictionBenchmark {

    static final int RECALL_SAMPLE = 32;
    static final double EPS = 1e-5;
    private static final Logger LOG = Logger.getLogger(PredictionBenchmark.class.getName());

    RoutingModel model;
    /** The day of every recommendation: routings whose last day in force is earlier are left out, as when serving. */
    LocalDate day;
    SimilarityIndex index;
    List<Item> queries;
    FeatureEncoder.Encoded[] encoded;

    /** Per-thread position in the query set. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;

        int next() {
            return i++ & (BenchData.QUERY_COUNT - 1);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        model = BenchData.model();
        day = BenchData.day();
        index = model.index();
        queries = BenchData.queries(model, BenchData.items());
        encoded = new FeatureEncoder.Encoded[queries.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = index.encoder().encode(queries.get(i));
        }
        double recall = verifyExact(index, encoded, RECALL_SAMPLE);
        LOG.info(() -> "index " + index.size() + " items; recall@10 vs naive full sort on "
                + RECALL_SAMPLE + " queries = " + recall);
    }

    /**
     * Mean tie-aware recall@10 of {@code search} against a naive full sort on the first
     * {@code sample} queries.
     *
     * @throws IllegalStateException if any query misses a true top-10 row or a score differs
     */
    static double verifyExact(SimilarityIndex index, FeatureEncoder.Encoded[] qs, int sample) {
        int n = index.size();
        double total = 0;
        for (int s = 0; s < sample; s++) {
            FeatureEncoder.Encoded q = qs[s];
            double[] exact = new double[n];
            Integer[] order = new Integer[n];
            for (int r = 0; r < n; r++) {
                exact[r] = index.terms(q, r).stream().mapToDouble(SimilarityIndex.Term::contribution).sum();
                order[r] = r;
            }
            java.util.Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Double.compare(exact[b], exact[a])
                    : Integer.compare(a, b));
            double tenth = exact[order[9]];
            List<SimilarityIndex.Neighbour> got = index.search(q, 10, -1);
            if (got.size() != 10) {
                throw new IllegalStateException("query " + s + ": search returned " + got.size() + " rows");
            }
            int hits = 0;
            for (SimilarityIndex.Neighbour nb : got) {
                if (Math.abs(nb.score() - exact[nb.row()]) > EPS) {
                    throw new IllegalStateException("query " + s + ", row " + nb.row() + ": search score "
                            + nb.score() + " != exact " + exact[nb.row()]);
                }
                if (exact[nb.row()] >= tenth - EPS) {
                    hits++;
                }
            }
            if (hits != 10) {
                throw new IllegalStateException("query " + s + ": recall@10 = " + hits / 10.0
                        + " against the naive full sort (exact top-10 " + java.util.Arrays.toString(
                        java.util.Arrays.copyOf(order, 10)) + ", search " + got + ")");
            }
            total += hits / 10.0;
        }
        return total / sample;
    }

    @Benchmark
    public Recommendation recommend(Cursor c) {
        return model.recommend(queries.get(c.next()), 10, day);
    }

    @Benchmark
    public List<SimilarityIndex.Neighbour> search10(Cursor c) {
        return index.search(encoded[c.next()], 10, -1);
    }

    @Benchmark
    public List<SimilarityIndex.Neighbour> search40(Cursor c) {
        return index.search(encoded[c.next()], 40, -1);
    }
}
