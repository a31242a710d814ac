package com.routingml.access;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One routing of an item (ROUT_NO): its operations ordered by PROC_SEQ.
 *
 * @param itemCode   ITEM_CD
 * @param routingNo  ROUT_NO
 * @param insertedAt the earliest INSRT_DT of its operations
 * @param operations ordered by PROC_SEQ, never empty
 */
public record Routing(String itemCode, String routingNo, LocalDateTime insertedAt, List<Operation> operations) {

    public Routing {
        Objects.requireNonNull(itemCode, "itemCode");
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("routing " + itemCode + "/" + routingNo + " has no operations");
        }
    }

    /** The JOB_CD sequence: what "the same routing" means for evaluation and grouping. */
    public List<String> jobCodes() {
        return operations.stream().map(Operation::jobCode).toList();
    }

    /** Total RUN_TIME over all operations (in the routing's time unit, minutes in practice). */
    public double totalRunTime() {
        double sum = 0;
        for (Operation op : operations) {
            sum += op.runTime();
        }
        return sum;
    }
}
