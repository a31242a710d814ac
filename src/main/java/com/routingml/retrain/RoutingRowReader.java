package com.routingml.retrain;

import com.routingml.access.AccessRepository;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extract reader: the newest routing rows joined to item attributes, from the Access file, in
 * keyset order. Its checkpoint ({@link ExtractCheckpoint}) is the last row of the last committed
 * chunk, so a restart queries the rows after it.
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

    private Path file;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private RoutingExtract extract;
    private ExtractCheckpoint position;
    private long throttle;
    private int skipped;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            RunState s = runs.get(job.getInstanceId());
            position = checkpoint == null ? ExtractCheckpoint.START : (ExtractCheckpoint) checkpoint;
            throttle = throttleMillis == null || throttleMillis.isBlank() ? 0 : Long.parseLong(throttleMillis.trim());
            file = Path.of(s.settings.accessFile());
            connection = AccessRepository.open(file); // its failures name the file
            try {
                extract = RoutingExtract.discover(connection);
                step.setTransientUserData(extract);
                long remaining = s.settings.maxRows() - position.rows();
                LOG.info(() -> "extract from " + file + (position.last() == null ? " from the newest row"
                        : " resuming after " + position.rows() + " rows at " + position.last()) + ", up to " + Math.max(0, remaining) + " more rows");
                if (remaining > 0) {
                    statement = extract.query(connection, position.last());
                    statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, remaining));
                    statement.setFetchSize(1000);
                    rows = statement.executeQuery();
                }
            } catch (SQLException e) {
                // e.g. a file replaced by junk while the driver still holds it: the driver's message lacks the path
                throw cannotRead(e);
            }
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            close(); // do not rely on the runtime closing a reader whose open failed (close is idempotent)
            throw e;
        }
    }

    @Override
    public Object readItem() throws SQLException {
        try {
            while (rows != null && rows.next()) {
                ExtractRow row = extract.read(rows);
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
        return new SQLException("cannot read Access database " + file + ": " + e.getMessage(), e.getSQLState(), e);
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
        AutoCloseable[] open = {rows, statement, connection};
        rows = null;
        statement = null;
        connection = null;
        for (AutoCloseable c : open) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the extract connection", e);
                }
            }
        }
    }
}
