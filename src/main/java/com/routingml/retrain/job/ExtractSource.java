package com.routingml.retrain.job;

import com.routingml.retrain.dataset.RoutingExtract;
import com.routingml.access.AccessRepository;
import jakarta.batch.runtime.context.StepContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The extract step's open Access file: the connection and the dataset columns found in it.
 *
 * <p>Opened by {@link ExtractStepListener#beforeStep()}, which the batch runtime calls outside any
 * transaction, because opening is where UCanAccess copies the whole file into its HSQLDB mirror,
 * which takes minutes for a production-size file (docs/benchmarks.md, "Monthly retraining job").
 * The reader and the writer open inside a transaction bounded by the server's default timeout,
 * which no step property changes and which the copy can outlast. The step's transient
 * user data carries it to the reader and the writer; the listener closes it in {@code afterStep}.
 */
public final class ExtractSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExtractSource.class.getName());

    private final Path file;
    private final Connection connection;
    private final RoutingExtract extract;
    private final Duration openedIn;

    private ExtractSource(Path file, Connection connection, RoutingExtract extract, Duration openedIn) {
        this.file = file;
        this.connection = connection;
        this.extract = extract;
        this.openedIn = openedIn;
    }

    /**
     * Opens the Access file and reads the item master's columns.
     *
     * @throws java.sql.SQLException naming the file when it is missing, unreadable or not an Access database
     */
    static ExtractSource open(Path file) throws SQLException {
        long t0 = System.nanoTime();
        Connection c = AccessRepository.open(file); // its failures name the file
        try {
            RoutingExtract extract = RoutingExtract.discover(c);
            return new ExtractSource(file, c, extract, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SQLException("cannot read Access database " + file + ": " + e.getMessage(), e.getSQLState(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** The source the listener published for this step. */
    static ExtractSource of(StepContext step) {
        if (step.getTransientUserData() instanceof ExtractSource s) {
            return s;
        }
        throw new IllegalStateException("the extract step has no open Access file "
                + "(ExtractStepListener.beforeStep did not run or failed)");
    }

    public Path file() {
        return file;
    }

    public Connection connection() {
        return connection;
    }

    public RoutingExtract extract() {
        return extract;
    }

    /** How long opening took (mostly UCanAccess loading the file), for the log and the benchmark. */
    public Duration openedIn() {
        return openedIn;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing the extract connection", e);
        }
    }
}
