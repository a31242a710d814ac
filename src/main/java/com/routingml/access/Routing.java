package com.routingml.access;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One routing of an item (ROUT_NO): its operations ordered by PROC_SEQ, as in force on the day it
 * was read ({@link RoutingValidity}).
 *
 * @param itemCode   ITEM_CD
 * @param routingNo  ROUT_NO
 * @param insertedAt the earliest INSRT_DT of its operations
 * @param operations ordered by PROC_SEQ, never empty
 * @param validUntil the last day every one of its operations is in force (the earliest VALID_TO_DT);
 *                   null when none ends
 */
public record Routing(String itemCode, String routingNo, LocalDateTime insertedAt, List<Operation> operations,
                      LocalDate validUntil) {

    public Routing {
        Objects.requireNonNull(itemCode, "itemCode");
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("routing " + itemCode + "/" + routingNo + " has no operations");
        }
    }

    /** A routing none of whose operations ends. */
    public Routing(String itemCode, String routingNo, LocalDateTime insertedAt, List<Operation> operations) {
        this(itemCode, routingNo, insertedAt, operations, null);
    }

    /** The JOB_CD sequence: what "the same routing" means for evaluation and grouping. */
    public List<String> jobCodes() {
        return operations.stream().map(Operation::jobCode).toList();
    }

    /** Whether it is still in force on {@code day}: it was when read, and has not ended since. */
    public boolean inForceOn(LocalDate day) {
        return validUntil == null || !day.isAfter(validUntil);
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
