package com.routingml.bench;

import com.routingml.access.Item;
import com.routingml.access.Routing;
import com.routingml.model.FeatureEncoder;
import com.routingml.model.FeatureSpec;
import com.routingml.model.RoutingModel;
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
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The same query set as {@link PredictionBenchmark} through Tribuo 4.3.2's KNN (brute force,
 * k = 10, one thread, L2 distance, voting combiner), on the same encoded features the index uses.
 *
 * <h2>Encoding (from the model's own {@link FeatureEncoder})</h2>
 * <ul>
 *   <li>categorical feature f with code c: one-hot feature {@code "F=value"} with value
 *       {@code sqrt(w_f / 2)}, so that a mismatch (two differing coordinates) adds {@code w_f} to
 *       the squared L2 distance and a match adds 0; NULL: no feature; a value unseen in training
 *       becomes a feature name Tribuo's feature map does not know, which it drops;</li>
 *   <li>length feature f: the robust-scaled log length z (what the index compares) times
 *       {@code sqrt(w_f)}, as feature {@code "F"}; unknown: no feature (sparse zero).</li>
 * </ul>
 * This is the usual dense/one-hot embedding of the same information; its neighbours are close to
 * but not identical to ours (L2 on z instead of the bounded kernel, and a missing value counts as
 * 0 rather than being left out), so only latency is compared. The label is the item's first
 * routing's JOB_CD sequence (used only by the voting combiner).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class TribuoKnnBenchmark {

    static final int K = 10;
    private static final Logger LOG = Logger.getLogger(TribuoKnnBenchmark.class.getName());

    Model<Label> knn;
    List<Example<Label>> queries;

    @Setup(Level.Trial)
    public void setUp() {
        RoutingModel model = BenchData.model();
        List<Item> all = BenchData.items();
        FeatureEncoder enc = model.index().encoder();
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> train =
                new MutableDataset<>(new SimpleDataSourceProvenance("routing-ml bench index", lf), lf);
        List<Item> indexed = BenchData.indexed(model, all);
        for (int r = 0; r < indexed.size(); r++) {
            List<Routing> rs = model.routings().get(r);
            train.add(example(enc, indexed.get(r), new Label(String.join("-", rs.get(0).jobCodes()))));
        }
        queries = new ArrayList<>();
        for (Item q : BenchData.queries(model, all)) {
            queries.add(example(enc, q, LabelFactory.UNKNOWN_LABEL));
        }
        KNNTrainer<Label> trainer = new KNNTrainer<>(K, new L2Distance(), 1, new VotingCombiner(),
                KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE);
        long t0 = System.nanoTime();
        knn = trainer.train(train);
        LOG.info(() -> "Tribuo KNN over " + train.size() + " examples, " + train.getFeatureMap().size()
                + " features, trained in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    static Example<Label> example(FeatureEncoder enc, Item item, Label label) {
        FeatureEncoder.Encoded e = enc.encode(item);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < enc.categoricalCount(); j++) {
            FeatureSpec spec = enc.categoricalSpec(j);
            int c = e.categorical()[j];
            if (c == FeatureEncoder.MISSING) {
                continue;
            }
            String v = c >= 0 ? enc.categoryValue(j, c) : "\u0000unseen";
            names.add(spec.column() + "=" + v);
            values.add(Math.sqrt(spec.weight() / 2));
        }
        for (int j = 0; j < enc.lengthCount(); j++) {
            float z = e.lengths()[j];
            if (!Float.isNaN(z)) {
                FeatureSpec spec = enc.lengthSpec(j);
                names.add(spec.column());
                values.add(z * Math.sqrt(spec.weight()));
            }
        }
        return new ArrayExample<>(label, names.toArray(String[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Benchmark
    public Prediction<Label> predict(PredictionBenchmark.Cursor c) {
        return knn.predict(queries.get(c.next()));
    }
}
