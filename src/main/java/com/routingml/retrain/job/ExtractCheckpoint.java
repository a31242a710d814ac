package com.routingml.retrain.job;

import com.routingml.retrain.dataset.RowKey;
import java.io.Serializable;

/**
 * The extract reader's checkpoint: the last row of the last committed chunk and how many rows
 * were committed. Small and {@link Serializable}, as the job repository stores it.
 *
 * @param last the keyset position to resume after ({@code null}: from the start)
 * @param rows rows read up to and including {@code last}
 */
public record ExtractCheckpoint(RowKey last, long rows) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ExtractCheckpoint START = new ExtractCheckpoint(null, 0);
}
