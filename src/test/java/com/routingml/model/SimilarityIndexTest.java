package com.routingml.model;

import com.routingml.access.Item;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static com.routingml.model.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimilarityIndexTest {

    private static FeatureSchema schema() {
        return new FeatureSchema(List.of(
                new FeatureSpec("PART_TYPE", FeatureSpec.Kind.CATEGORICAL, 2.0, null),
                new FeatureSpec("ITEM_MATERIAL", FeatureSpec.Kind.CATEGORICAL, 1.0, null),
                new FeatureSpec("OUTDIAMETER", FeatureSpec.Kind.LENGTH, 1.0, null)));
    }

    @Test
    void scoreIsTheWeightedMeanComputedByHand() {
        List<Item> items = List.of(item("A", "PART_TYPE", "P1", "ITEM_MATERIAL", "SUS", "OUTDIAMETER", 10.0),
                item("B", "PART_TYPE", "P1", "ITEM_MATERIAL", "CS", "OUTDIAMETER", 40.0),
                item("C", "PART_TYPE", "P2", "ITEM_MATERIAL", "SUS"));
        FeatureEncoder enc = FeatureEncoder.fit(schema(), items, 9999);
        SimilarityIndex idx = new SimilarityIndex(enc, items.stream().map(enc::encode).toList(), 0.5);
        FeatureEncoder.Encoded q = enc.encode(item(null, "PART_TYPE", "P1", "ITEM_MATERIAL", "SUS",
                "OUTDIAMETER", 10.0));
        // Logs of 10 and 40 -> median ln 20, IQR/1.349 = (0.5 ln 4)/1.349 (two points: q25/q75 interpolate)
        double sigma = (0.75 - 0.25) * Math.log(4) / 1.349;
        double dz = Math.log(4) / sigma; // |z_A - z_B|
        double sB = 1 / (1 + dz / 0.5);
        double expectedB = (2 * 1 + 1 * 0 + 1 * sB) / 4;
        double expectedC = (2 * 0 + 1 * 1 + 1 * 0) / 4.0; // C's diameter is unknown: contributes 0
        List<SimilarityIndex.Neighbour> top = idx.search(q, 3, -1);
        assertEquals(0, top.get(0).row());
        assertEquals(1.0, top.get(0).score(), 1e-6);
        assertEquals(1, top.get(1).row());
        assertEquals(expectedB, top.get(1).score(), 1e-6);
        assertEquals(expectedC, top.get(2).score(), 1e-6);
        double sumTerms = idx.terms(q, 1).stream().mapToDouble(SimilarityIndex.Term::contribution).sum();
        // Lengths are stored as float z-scores: agreement to float precision.
        assertEquals(expectedB, sumTerms, 1e-8, "terms are the contributions and sum to the score");
    }

    @Test
    void missingQueryFeaturesAreLeftOutOfTheDenominator() {
        List<Item> items = List.of(item("A", "PART_TYPE", "P1", "ITEM_MATERIAL", "SUS"), item("B", "PART_TYPE", "P2"));
        FeatureEncoder enc = FeatureEncoder.fit(schema(), items, 9999);
        SimilarityIndex idx = new SimilarityIndex(enc, items.stream().map(enc::encode).toList(), 0.5);
        List<SimilarityIndex.Neighbour> top = idx.search(enc.encode(item(null, "PART_TYPE", "P1")), 2, -1);
        assertEquals(1.0, top.get(0).score(), 1e-9, "only PART_TYPE is judged");
        assertEquals(0.0, top.get(1).score(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> idx.search(enc.encode(item(null)), 2, -1));
        // An unseen category counts against every item.
        assertEquals(2.0 / 3,
                idx.search(enc.encode(item(null, "PART_TYPE", "P1", "ITEM_MATERIAL", "NEW")), 1, -1).get(0).score(),
                1e-6);
    }

    @Test
    void topKEqualsNaiveFullSortOnRandomData() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            items.add(item("I" + i, "PART_TYPE", "P" + rnd.nextInt(30),
                    "ITEM_MATERIAL", rnd.nextDouble() < 0.3 ? null : "M" + rnd.nextInt(4),
                    "OUTDIAMETER", rnd.nextDouble() < 0.1 ? 9999.0 : 5 + rnd.nextDouble() * 300));
        }
        FeatureEncoder enc = FeatureEncoder.fit(schema(), items, 9999);
        List<FeatureEncoder.Encoded> rows = items.stream().map(enc::encode).toList();
        SimilarityIndex idx = new SimilarityIndex(enc, rows, 0.5);
        for (int t = 0; t < 50; t++) {
            FeatureEncoder.Encoded q = rows.get(rnd.nextInt(rows.size()));
            int exclude = t % 2 == 0 ? rnd.nextInt(rows.size()) : -1;
            List<double[]> naive = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i != exclude) {
                    naive.add(new double[] {i, idx.terms(q, i).stream()
                            .mapToDouble(SimilarityIndex.Term::contribution).sum()});
                }
            }
            naive.sort(Comparator.<double[]>comparingDouble(a -> -a[1]).thenComparingDouble(a -> a[0]));
            List<SimilarityIndex.Neighbour> got = idx.search(q, 10, exclude);
            assertEquals(10, got.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(naive.get(i)[1], got.get(i).score(), 1e-5, "rank " + i + " of query " + t);
                assertTrue(got.get(i).row() != exclude);
            }
        }
    }

    /**
     * A code most rows share is scored by adding its weight to every row and taking it back from
     * the others; the result is the naive full sort's, also when the excluded row is among the first
     * rows (which fill the top k) or later, and when k covers every row.
     */
    @Test
    void aCodeMostRowsShareAndAnyExcludedRowGiveTheNaiveTopK() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            items.add(item("I" + i, "PART_TYPE", "P" + rnd.nextInt(12), "ITEM_MATERIAL", rnd.nextDouble() < 0.8 ? "M0"
                    : rnd.nextDouble() < 0.5 ? null : "M" + rnd.nextInt(4), "OUTDIAMETER", 5 + rnd.nextDouble() * 300));
        }
        FeatureEncoder enc = FeatureEncoder.fit(schema(), items, 9999);
        List<FeatureEncoder.Encoded> rows = items.stream().map(enc::encode).toList();
        SimilarityIndex idx = new SimilarityIndex(enc, rows, 0.5);
        for (int t = 0; t < 60; t++) {
            FeatureEncoder.Encoded q = rows.get(rnd.nextInt(rows.size()));
            int exclude = t % 3 == 0 ? rnd.nextInt(10) : t % 3 == 1 ? rnd.nextInt(rows.size()) : -1;
            int k = t % 10 == 9 ? rows.size() : 10;
            List<double[]> naive = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (i != exclude) {
                    double exact = idx.terms(q, i).stream().mapToDouble(SimilarityIndex.Term::contribution).sum();
                    naive.add(new double[] {i, exact});
                }
            }
            naive.sort(Comparator.<double[]>comparingDouble(a -> -a[1]).thenComparingDouble(a -> a[0]));
            List<SimilarityIndex.Neighbour> got = idx.search(q, k, exclude);
            assertEquals(Math.min(k, naive.size()), got.size(), "query " + t);
            for (int i = 0; i < got.size(); i++) {
                assertEquals(naive.get(i)[1], got.get(i).score(), 1e-5, "rank " + i + " of query " + t);
                assertTrue(got.get(i).row() != exclude, "query " + t + " returned its excluded row");
            }
        }
        long common = items.stream().filter(i -> "M0".equals(i.get("ITEM_MATERIAL"))).count();
        assertTrue(common > items.size() / 2, "ITEM_MATERIAL M0 is shared by most rows: " + common);
    }
}
