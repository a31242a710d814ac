package com.routingml.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour search under the weighted similarity
 *
 * <pre>
 *   S(q, x) = Σ_{f ∈ F(q)} w_f · s_f(q, x)  /  Σ_{f ∈ F(q)} w_f          ∈ [0, 1]
 *   categorical f:  s_f = 1 if the codes are equal, else 0
 *   length f:       s_f = 1 / (1 + |z_q − z_x| / h)     (0 when x's length is unknown)
 * </pre>
 *
 * where F(q) are the features the query has a value for (a NULL in the query says nothing, so it
 * counts neither for nor against any item — Gower's convention), z the robust log-scaled lengths
 * and h the bandwidth. Because S is a weighted mean, each feature's term {@code w_f·s_f/Σw} is its
 * contribution and the contributions sum to the score (the "why" of a recommendation).
 *
 * <p>Search is exact and brute force over column-major arrays: categorical terms are added
 * through posting lists (only the rows sharing the query's code are touched; for a code more than
 * half the rows share, its weight is added once to every score and taken back from the other rows),
 * length terms by a tight loop the JIT vectorises. Immutable and safe for concurrent searches; each thread reuses
 * its own score buffer.
 */
public final class SimilarityIndex {

    private final FeatureEncoder encoder;
    private final int size;
    private final int[][] codes;        // [cat slot][row]
    private final int[][] postingStart; // [cat slot][code] -> start in postingRows; length = vocab + 1
    private final int[][] postingRows;  // [cat slot] rows grouped by code
    private final int[] dominant;       // [cat slot] the code of more than half the rows, or -1
    private final int[][] otherRows;    // [cat slot] rows without the dominant code (empty when none)
    private final float[][] lengths;    // [len slot][row], +Inf when unknown so its term is 0
    private final float[] catWeight;
    private final float[] lenWeight;
    private final float invBandwidth;
    private final double bandwidth;
    private final ThreadLocal<float[]> scratch;

    /**
     * @param rows      encoded index rows (row i is item i of the model)
     * @param bandwidth h in the length kernel, in robust sigmas of ln(mm); must be &gt; 0
     */
    public SimilarityIndex(FeatureEncoder encoder, List<FeatureEncoder.Encoded> rows, double bandwidth) {
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth must be > 0 and finite, was " + bandwidth);
        }
        this.encoder = encoder;
        this.size = rows.size();
        this.bandwidth = bandwidth;
        this.invBandwidth = (float) (1 / bandwidth);
        int nc = encoder.categoricalCount();
        int nl = encoder.lengthCount();
        codes = new int[nc][size];
        lengths = new float[nl][size];
        for (int i = 0; i < size; i++) {
            FeatureEncoder.Encoded e = rows.get(i);
            for (int j = 0; j < nc; j++) {
                codes[j][i] = e.categorical()[j];
            }
            for (int j = 0; j < nl; j++) {
                float z = e.lengths()[j];
                lengths[j][i] = Float.isNaN(z) ? Float.POSITIVE_INFINITY : z;
            }
        }
        postingStart = new int[nc][];
        postingRows = new int[nc][];
        for (int j = 0; j < nc; j++) {
            int vocab = encoder.vocabularies().get(j).size();
            int[] count = new int[vocab + 1];
            for (int c : codes[j]) {
                if (c >= 0) {
                    count[c + 1]++;
                }
            }
            for (int c = 0; c < vocab; c++) {
                count[c + 1] += count[c];
            }
            int[] fill = Arrays.copyOf(count, vocab);
            int[] out = new int[count[vocab]];
            for (int i = 0; i < size; i++) {
                int c = codes[j][i];
                if (c >= 0) {
                    out[fill[c]++] = i;
                }
            }
            postingStart[j] = count;
            postingRows[j] = out;
        }
        dominant = new int[nc];
        otherRows = new int[nc][];
        for (int j = 0; j < nc; j++) {
            int[] slotCodes = codes[j];
            int d = -1;
            for (int c = 0; c + 1 < postingStart[j].length; c++) {
                if (postingStart[j][c + 1] - postingStart[j][c] > size / 2) {
                    d = c;
                }
            }
            int code = d;
            dominant[j] = d;
            otherRows[j] = d < 0 ? new int[0] : IntStream.range(0, size).filter(i -> slotCodes[i] != code).toArray();
        }
        catWeight = new float[nc];
        lenWeight = new float[nl];
        for (int j = 0; j < nc; j++) {
            catWeight[j] = (float) encoder.categoricalSpec(j).weight();
        }
        for (int j = 0; j < nl; j++) {
            lenWeight[j] = (float) encoder.lengthSpec(j).weight();
        }
        scratch = ThreadLocal.withInitial(() -> new float[size]);
    }

    /** A found row and its similarity (ranking precision: float). */
    public record Neighbour(int row, double score) {
    }

    /**
     * The {@code k} most similar rows, best first; ties go to the lower row number so results are
     * deterministic.
     *
     * @param excludeRow a row never returned (the query item itself), or -1
     * @throws IllegalArgumentException when the query has no feature value at all
     */
    public List<Neighbour> search(FeatureEncoder.Encoded q, int k, int excludeRow) {
        double totalWeight = queryWeight(q);
        if (totalWeight == 0) {
            throw new IllegalArgumentException("the item has none of the similarity features "
                    + encoder.schema().columns());
        }
        float[] acc = scratch.get();
        float[] ql = q.lengths();
        boolean assigned = false; // the first length term assigns, so the buffer needs no clearing pass
        for (int j = 0; j < ql.length; j++) {
            float z = ql[j];
            if (Float.isNaN(z)) {
                continue;
            }
            float w = lenWeight[j];
            float inv = invBandwidth;
            float[] col = lengths[j];
            if (assigned) {
                for (int i = 0; i < size; i++) {
                    acc[i] += w / (1f + Math.abs(z - col[i]) * inv);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    acc[i] = w / (1f + Math.abs(z - col[i]) * inv);
                }
                assigned = true;
            }
        }
        if (!assigned) {
            Arrays.fill(acc, 0f);
        }
        // A code that more than half the rows share is added to all of them at once (base) and taken
        // back from the others: fewer rows touched than through its posting list.
        float base = 0;
        int[] qc = q.categorical();
        for (int j = 0; j < qc.length; j++) {
            int c = qc[j];
            if (c < 0) {
                continue; // missing adds no weight; unseen matches nothing (weight counted above)
            }
            float w = catWeight[j];
            if (c == dominant[j]) {
                base += w;
                for (int row : otherRows[j]) {
                    acc[row] -= w;
                }
                continue;
            }
            int[] rows = postingRows[j];
            for (int p = postingStart[j][c], end = postingStart[j][c + 1]; p < end; p++) {
                acc[rows[p]] += w;
            }
        }
        return topK(acc, Math.min(k, size), excludeRow, base, totalWeight);
    }

    private List<Neighbour> topK(float[] acc, int k, int excludeRow, float base, double totalWeight) {
        if (k <= 0) {
            return List.of();
        }
        // Min-heap on (score, -row) of the best k seen so far: filled from the first rows, then a
        // row enters only when it beats the heap's smallest, which a plain comparison finds.
        int[] heapRow = new int[k];
        float[] heapScore = new float[k];
        int n = 0;
        int i = 0;
        for (; i < size && n < k; i++) {
            if (i != excludeRow) {
                heapRow[n] = i;
                heapScore[n] = acc[i];
                siftUp(heapRow, heapScore, n++);
            }
        }
        if (excludeRow >= i) {
            acc[excludeRow] = Float.NEGATIVE_INFINITY; // the per-thread buffer is rewritten by the next search
        }
        float smallest = n == 0 ? Float.POSITIVE_INFINITY : heapScore[0];
        for (; i < size; i++) {
            float s = acc[i];
            if (s > smallest) { // strictly greater: equal scores keep the lower row
                heapRow[0] = i;
                heapScore[0] = s;
                siftDown(heapRow, heapScore, n);
                smallest = heapScore[0];
            }
        }
        List<Neighbour> out = new ArrayList<>(n);
        for (int h = 0; h < n; h++) {
            out.add(new Neighbour(heapRow[h], (heapScore[h] + base) / totalWeight));
        }
        out.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : Integer.compare(a.row(), b.row()));
        return out;
    }

    private static boolean less(int[] r, float[] s, int a, int b) {
        return s[a] < s[b] || (s[a] == s[b] && r[a] > r[b]);
    }

    private static void swap(int[] r, float[] s, int a, int b) {
        int tr = r[a];
        r[a] = r[b];
        r[b] = tr;
        float ts = s[a];
        s[a] = s[b];
        s[b] = ts;
    }

    private static void siftUp(int[] r, float[] s, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!less(r, s, i, parent)) {
                return;
            }
            swap(r, s, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] r, float[] s, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int m = i;
            if (l < n && less(r, s, l, m)) {
                m = l;
            }
            if (l + 1 < n && less(r, s, l + 1, m)) {
                m = l + 1;
            }
            if (m == i) {
                return;
            }
            swap(r, s, i, m);
            i = m;
        }
    }

    /** Σ w_f over the features the query has a value for (unseen categories count). */
    double queryWeight(FeatureEncoder.Encoded q) {
        double w = 0;
        for (int j = 0; j < q.categorical().length; j++) {
            if (q.categorical()[j] != FeatureEncoder.MISSING) {
                w += catWeight[j];
            }
        }
        for (int j = 0; j < q.lengths().length; j++) {
            if (!Float.isNaN(q.lengths()[j])) {
                w += lenWeight[j];
            }
        }
        return w;
    }

    /**
     * Per-feature terms of S(q, row), in schema order of categorical then length features;
     * features the query lacks are left out. Computed in double: the terms sum to the score.
     */
    public List<Term> terms(FeatureEncoder.Encoded q, int row) {
        double total = queryWeight(q);
        List<Term> out = new ArrayList<>();
        for (int j = 0; j < q.categorical().length; j++) {
            int c = q.categorical()[j];
            if (c == FeatureEncoder.MISSING) {
                continue;
            }
            double s = c >= 0 && codes[j][row] == c ? 1 : 0;
            out.add(new Term(true, j, catWeight[j] / total, s));
        }
        for (int j = 0; j < q.lengths().length; j++) {
            float z = q.lengths()[j];
            if (Float.isNaN(z)) {
                continue;
            }
            float x = lengths[j][row];
            double s = Float.isInfinite(x) ? 0 : 1 / (1 + Math.abs((double) z - x) / bandwidth);
            out.add(new Term(false, j, lenWeight[j] / total, s));
        }
        return out;
    }

    /**
     * One feature's part of a similarity.
     *
     * @param categorical whether {@code slot} is a categorical or a length slot
     * @param share       w_f / Σw over the query's features
     * @param similarity  s_f ∈ [0, 1]
     */
    public record Term(boolean categorical, int slot, double share, double similarity) {
        public double contribution() {
            return share * similarity;
        }
    }

    /** The scaled length of a row's length slot, NaN when unknown. */
    public float length(int slot, int row) {
        float z = lengths[slot][row];
        return Float.isInfinite(z) ? Float.NaN : z;
    }

    /** The code of a row's categorical slot. */
    public int code(int slot, int row) {
        return codes[slot][row];
    }

    public int size() {
        return size;
    }

    public double bandwidth() {
        return bandwidth;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** Encoded row, as given at build time (unknown lengths back to NaN). */
    FeatureEncoder.Encoded row(int i) {
        int[] c = new int[codes.length];
        float[] l = new float[lengths.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = codes[j][i];
        }
        for (int j = 0; j < l.length; j++) {
            l[j] = Float.isInfinite(lengths[j][i]) ? Float.NaN : lengths[j][i];
        }
        return new FeatureEncoder.Encoded(c, l);
    }
}
