package com.routingml.access;

/**
 * One operation of a routing (one row of {@code dbo_BI_ROUTING_VIEW}).
 *
 * @param procSeq      PROC_SEQ (10, 20, 30 …)
 * @param jobCode      JOB_CD, e.g. {@code F61-1}
 * @param jobName      JOB_NM
 * @param resourceCode RES_CD (work centre), e.g. {@code ASY-WC1A}
 * @param resourceName RES_DIS
 * @param inHouse      INSIDE_FLAG = 'Y' (false: subcontracted)
 * @param timeUnit     TIME_UNIT, e.g. {@code M} for minutes
 * @param setupTime    SETUP_TIME in {@code timeUnit}, 0 when NULL
 * @param runTime      RUN_TIME in {@code timeUnit}, 0 when NULL
 */
public record Operation(int procSeq, String jobCode, String jobName, String resourceCode,
                        String resourceName, boolean inHouse, String timeUnit,
                        double setupTime, double runTime) {

    public Operation {
        if (jobCode == null || jobCode.isBlank()) {
            throw new IllegalArgumentException("JOB_CD is empty at PROC_SEQ " + procSeq);
        }
    }
}
