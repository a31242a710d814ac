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
            connection = AccessRepository.open(Path.of(s.settings.accessFile()));
            extract = RoutingExtract.discover(connection);
            step.setTransientUserData(extract);
            long remaining = s.settings.maxRows() - position.rows();
            LOG.info(() -> "extract from " + s.settings.accessFile() + (position.last() == null ? " from the newest row"
                    : " resuming after " + position.rows() + " rows at " + position.last()) + ", up to " + Math.max(0, remaining) + " more rows");
            if (remaining > 0) {
                statement = extract.query(connection, position.last());
                statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, remaining));
                statement.setFetchSize(1000);
                rows = statement.executeQuery();
            }
        } catch (Exception e) {
            StepRecorder.record(runs, job.getInstanceId(), step.getStepName(), e);
            throw e;
        }
    }

    @Override
    public Object readItem() throws SQLException {
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
        for (AutoCloseable c : new AutoCloseable[]{rows, statement, connection}) {
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
