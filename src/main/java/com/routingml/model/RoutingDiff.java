package com.routingml.model;

import com.routingml.access.Operation;
import com.routingml.access.Routing;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Two routings side by side, operation against operation: the operations are aligned on the
 * longest common subsequence of their JOB_CD sequences (PROC_SEQ numbers differ between items, the
 * order of operations does not), and each aligned pair says what differs.
 *
 * @param rows the aligned operations in routing order
 */
public record RoutingDiff(List<Row> rows) {

    /** How an aligned row differs. */
    public enum Change {
        /** Same JOB_CD, work centre, in-house flag and times. */
        SAME,
        /** Same JOB_CD, but the work centre, the in-house flag or a time differs. */
        CHANGED,
        /** An operation only the left routing has. */
        ONLY_LEFT,
        /** An operation only the right routing has. */
        ONLY_RIGHT
    }

    /**
     * One row.
     *
     * @param change      how the two sides differ
     * @param left        the left routing's operation, or {@code null}
     * @param right       the right routing's operation, or {@code null}
     * @param differences for {@link Change#CHANGED}: the columns that differ (RES_CD, INSIDE_FLAG, SETUP_TIME,
     *                    RUN_TIME)
     */
    public record Row(Change change, Operation left, Operation right, List<String> differences) {
        public Row {
            differences = List.copyOf(differences);
        }
    }

    public RoutingDiff {
        rows = List.copyOf(rows);
    }

    /** Whether the two routings are operation for operation the same. */
    public boolean identical() {
        return rows.stream().allMatch(r -> r.change() == Change.SAME);
    }

    /**
     * Aligns the routings of two items of a model (e.g. two candidates: a candidate's operations
     * are its first reference item's routing).
     *
     * @param leftRouting  ROUT_NO of the left item, or {@code null} for its first routing
     * @param rightRouting ROUT_NO of the right item, or {@code null} for its first routing
     * @throws NoSuchElementException naming the item or ROUT_NO the model does not have
     */
    public static RoutingDiff between(RoutingModel model, String leftItem, String leftRouting, String rightItem,
                                      String rightRouting) {
        return of(routing(model, leftItem, leftRouting).operations(),
                routing(model, rightItem, rightRouting).operations());
    }

    private static Routing routing(RoutingModel model, String item, String routingNo) {
        int row = model.rowOf(item);
        if (row < 0) {
            throw new NoSuchElementException("item '" + item + "' has no routing in model " + model.version());
        }
        List<Routing> routings = model.routings().get(row);
        if (routingNo == null || routingNo.isBlank()) {
            return routings.get(0);
        }
        return routings.stream().filter(r -> routingNo.equals(r.routingNo())).findFirst().orElseThrow(() ->
                new NoSuchElementException("item '" + item + "' has no routing '" + routingNo + "'; it has "
                        + routings.stream().map(Routing::routingNo).toList()));
    }

    /** Aligns two routings' operations (each in PROC_SEQ order). */
    public static RoutingDiff of(List<Operation> left, List<Operation> right) {
        int n = left.size();
        int m = right.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = left.get(i).jobCode().equals(right.get(j).jobCode())
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && left.get(i).jobCode().equals(right.get(j).jobCode())) {
                rows.add(pair(left.get(i++), right.get(j++)));
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                rows.add(new Row(Change.ONLY_RIGHT, null, right.get(j++), List.of()));
            } else {
                rows.add(new Row(Change.ONLY_LEFT, left.get(i++), null, List.of()));
            }
        }
        return new RoutingDiff(rows);
    }

    private static Row pair(Operation a, Operation b) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(a.resourceCode(), b.resourceCode())) {
            d.add("RES_CD");
        }
        if (a.inHouse() != b.inHouse()) {
            d.add("INSIDE_FLAG");
        }
        if (Double.compare(a.setupTime(), b.setupTime()) != 0) {
            d.add("SETUP_TIME");
        }
        if (Double.compare(a.runTime(), b.runTime()) != 0) {
            d.add("RUN_TIME");
        }
        return new Row(d.isEmpty() ? Change.SAME : Change.CHANGED, a, b, d);
    }
}
