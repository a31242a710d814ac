package com.routingml.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinEdgesTest {

    /** Naive O(K) bin lookup straight from the documented definition. */
    static int naiveBin(BinEdges e, double x) {
        double[] l = e.lowerEdges();
        if (x < l[0]) {
            return 0;
        }
        if (x > e.upper()) {
            return l.length + 1;
        }
        int bin = 1;
        for (int j = 1; j < l.length; j++) {
            if (x >= l[j]) {
                bin = j + 1;
            }
        }
        return bin;
    }

    @Test
    void continuousSampleGivesEqualCountQuantileBins() {
        double[] s = Scores.continuous(1).sample(1000, 0);
        BinEdges e = BinEdges.fit(s, 10);
        assertEquals(12, e.numBins());
        long[] c = Histogram.of(e, s).counts();
        assertEquals(0, c[0], "underflow must be empty for the baseline itself");
        assertEquals(0, c[11], "overflow must be empty for the baseline itself");
        for (int i = 1; i <= 10; i++) {
            assertEquals(100, c[i], "bin " + i + " of " + Arrays.toString(c));
        }
    }

    @Test
    void binOfMatchesNaiveLookupIncludingExactEdges() {
        double[] s = Scores.withTies(2).sample(777, 0);
        BinEdges e = BinEdges.fit(s, 10);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            double x = r.nextDouble(-0.1, 1.1);
            assertEquals(naiveBin(e, x), e.binOf(x), "x=" + x);
        }
        for (double x : e.lowerEdges()) {
            assertEquals(naiveBin(e, x), e.binOf(x), "edge " + x);
            assertEquals(naiveBin(e, Math.nextDown(x)), e.binOf(Math.nextDown(x)));
        }
        assertEquals(e.numBins() - 2, e.binOf(e.upper()), "max is in the last closed bin");
        assertEquals(e.numBins() - 1, e.binOf(Math.nextUp(e.upper())));
    }

    @Test
    void pointMassAtOneGetsItsOwnBinAndDuplicateEdgesCollapse() {
        // 300 of 1000 scores are exactly 1.0: quantile edges 7, 8, 9 all equal 1.0
        double[] s = new double[1000];
        for (int i = 0; i < 700; i++) {
            s[i] = 0.5 + 0.4 * i / 700.0;
        }
        Arrays.fill(s, 700, 1000, 1.0);
        BinEdges e = BinEdges.fit(s, 10);
        double[] l = e.lowerEdges();
        assertEquals(8, l.length, Arrays.toString(l));   // 0.0..0.6 quantiles + 1.0
        for (int i = 1; i < l.length; i++) {
            assertTrue(l[i] > l[i - 1], "edges strictly increasing");
        }
        assertEquals(1.0, l[l.length - 1]);
        long[] c = Histogram.of(e, s).counts();
        assertEquals(300, c[e.binOf(1.0)], "the point mass alone fills the top bin");
        assertEquals(100, c[e.binOf(0.89)], "scores just below 1.0 are not merged with it");
    }

    @Test
    void constantAndTinyBaselines() {
        BinEdges one = BinEdges.fit(new double[] {1.0, 1.0, 1.0}, 10);
        assertEquals(3, one.numBins());
        assertEquals(0, one.binOf(0.7));
        assertEquals(1, one.binOf(1.0));
        BinEdges tiny = BinEdges.fit(new double[] {0.9, 0.2, 0.5}, 10);
        assertArrayEquals(new double[] {0.2, 0.5, 0.9}, tiny.lowerEdges());
        assertEquals(5, tiny.numBins());
    }

    @Test
    void preconditionsNameTheOffendingValue() {
        assertThrows(IllegalArgumentException.class, () -> BinEdges.fit(new double[0], 10));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> BinEdges.fit(new double[] {0.2, Double.NaN}, 10));
        assertTrue(nan.getMessage().contains("index 1") && nan.getMessage().contains("NaN"),
                nan.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> BinEdges.fit(new double[] {1.5}, 10));
        assertTrue(big.getMessage().contains("1.5"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinEdges.fit(new double[] {-0.01}, 10));
        assertThrows(IllegalArgumentException.class, () -> BinEdges.fit(new double[] {0.5}, 0));
        BinEdges e = BinEdges.fit(new double[] {0.5}, 1);
        assertThrows(IllegalArgumentException.class, () -> e.binOf(Double.POSITIVE_INFINITY));
    }
}
