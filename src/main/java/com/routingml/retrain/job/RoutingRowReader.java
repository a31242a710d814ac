package com.routingml.retrain.job;

import com.routingml.access.RoutingValidity;
import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import com.routingml.retrain.dataset.ExtractRow;
import com.routingml.retrain.dataset.ExtractScope;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extract reader: the routing rows in force on the run's day joined to item attributes, from the
 * Access file, in keyset order - all of them, or the newest {@code maxRows} ({@link ExtractScope}).
 * Its checkpoint ({@link ExtractCheckpoint}) is the last row of the last committed
 * chunk, so a restart queries the rows after it.
 *
 * <p>Nothing slow happens in {@link #open}: the batch runtime opens readers inside a transaction
 * bounded by the server's default timeout, which no step property changes. The Access file
 * is opened before, outside any transaction ({@link ExtractSource}), and the query runs with the
 * first {@link #readItem}, inside the first chunk's transaction, whose timeout is the step's
 * {@code javax.transaction.global.timeout} (job parameter {@code transactionTimeout}): HSQLDB sorts
 * the whole join before it returns the first row.
 */
@Named("routingRowReader")
@Dependent
public class RoutingRowReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(RoutingRowReader.class.getName());

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RunStore runs;

    /** Pause after each chunk, in milliseconds, to spare an Access file on a busy share (default 0). */
    @Inject
    @BatchProperty
    String throttleMillis;

    private ExtractSource source;
    private ExtractScope scope;
    private RoutingValidity validity;
    private long remaining;
    private boolean queried;
    private PreparedStatement statement;
    private ResultSet rows;
    private ExtractCheckpoint position;
    private long throttle;
    private int skipped;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            RunState s = runs.get(job.getInstanceId());
            position = checkpoint == null ? ExtractCheckpoint.START : (ExtractCheckpoint) checkpoint;
            throttle = throttleMillis == null || throttleMillis.isBlank() ? 0 : Long.parseLong(throttleMillis.trim());
            source = ExtractSource.of(step);
            scope = s.settings.extract();
            validity = s.validOn == null ? null : RoutingValidity.on(LocalDate.parse(s.validOn));
            remaining = scope == ExtractScope.NEWEST ? Math.max(0, s.settings.maxRows() - position.rows())
                    : Long.MAX_VALUE;
            LOG.info(() -> "extract of " + scope.parameter() + " routing rows"
                    + (validity == null ? "" : " in force on " + validity.day())
                    + " from " + source.file() + (position.last() == null ? " from the first row"
                    : " resuming after " + position.rows() + " rows at " + position.last())
                    + (scope == ExtractScope.NEWEST ? ", up to " + remaining + " more rows" : ""));
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            close(); // do not rely on the runtime closing a reader whose open failed (close is idempotent)
            throw e;
        }
    }

    /** Runs the extract query (once, on the first read). */
    private void query() throws SQLException {
        long t0 = System.nanoTime();
        statement = source.extract().query(source.connection(), scope, validity, position.last());
        if (scope == ExtractScope.NEWEST) {
            statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, remaining));
        }
        statement.setFetchSize(1000);
        rows = statement.executeQuery();
        LOG.info(() -> String.format(java.util.Locale.ROOT, "extract query on %s ran in %.1f s", source.file(),
                (System.nanoTime() - t0) / 1e9));
    }

    @Override
    public Object readItem() throws SQLException {
        try {
            if (!queried) {
                queried = true;
                if (remaining > 0) {
                    query();
                }
            }
            while (rows != null && rows.next()) {
                ExtractRow row = source.extract().read(rows);
                position = new ExtractCheckpoint(row.key(), position.rows() + 1);
                if (row.values()[0] == null || row.values()[4] == null) {
                    skipped++; // blank ITEM_CD or JOB_CD: not part of any routing
                    continue;
                }
                return row;
            }
            return null;
        } catch (SQLException e) {
            throw cannotRead(e);
        }
    }

    private SQLException cannotRead(SQLException e) {
        return new SQLException("cannot read Access database " + source.file() + ": " + e.getMessage(),
                e.getSQLState(), e);
    }

    @Override
    public Serializable checkpointInfo() throws InterruptedException {
        if (throttle > 0) {
            Thread.sleep(throttle);
        }
        return position;
    }

    @Override
    public void close() {
        if (skipped > 0) {
            LOG.warning("extract skipped " + skipped + " routing rows with a blank ITEM_CD or JOB_CD");
        }
        // the connection belongs to the step listener (ExtractSource), which closes it after the step
        AutoCloseable[] open = {rows, statement};
        rows = null;
        statement = null;
        for (AutoCloseable c : open) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the extract query", e);
                }
            }
        }
    }
}
