package com.routingml.retrain.dataset;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The keyset position of one routing row in extract order: (ITEM_CD, ROUT_NO, PROC_SEQ) ascending,
 * after newest INSRT_DT first when the newest rows are read ({@link ExtractScope}). A position,
 * not a row offset, so a restart resumes after the last committed row even when rows were added since.
 *
 * @param insertedAt INSRT_DT; may be null in key order, where it takes no part
 * @param itemCode   ITEM_CD as stored
 * @param routingNo  ROUT_NO as stored
 * @param procSeq    PROC_SEQ
 */
public record RowKey(LocalDateTime insertedAt, String itemCode, String routingNo, int procSeq) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RowKey {
        Objects.requireNonNull(itemCode, "itemCode");
        Objects.requireNonNull(routingNo, "routingNo");
    }
}
