package com.routingml.access;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The configured Access file: where it is, whether it is the embedded sample, and item look-ups
 * for predictions by ITEM_CD.
 *
 * <p>With {@code routingml.access.file} unset, the embedded default is used: a sample database
 * generated under the data directory on first start. A configured file is never generated over.
 */
@ApplicationScoped
public class AccessDatabase {

    private static final Logger LOG = Logger.getLogger(AccessDatabase.class.getName());

    @Inject
    @ConfigProperty(name = "routingml.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "routingml.access.file")
    Optional<String> configuredFile;

    @Inject
    @ConfigProperty(name = "routingml.sample.items", defaultValue = "20000")
    int sampleItems;

    @Inject
    @ConfigProperty(name = "routingml.sample.seed", defaultValue = "42")
    long sampleSeed;

    @Inject
    @ConfigProperty(name = "routingml.sample.shifted-items", defaultValue = "0")
    int sampleShiftedItems;

    private final Object lookupLock = new Object();
    private Connection lookupConnection;
    private AccessRepository.ItemLookup lookup;

    /** The Access file in use. */
    public Path file() {
        return configuredFile.filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(dataDir).resolve("sample").resolve("routing-sample.accdb")).toAbsolutePath();
    }

    public boolean isEmbeddedSample() {
        return configuredFile.filter(s -> !s.isBlank()).isEmpty();
    }

    /**
     * Generates the embedded sample database if it is in use and absent. A configured file is
     * left alone (a missing one is reported by readiness, not papered over with sample data).
     */
    public void ensureSample() throws IOException {
        Path file = file();
        if (!isEmbeddedSample() || Files.exists(file)) {
            return;
        }
        // The sample's day is today, so its expired routings have ended and its planned ones are still ahead.
        LocalDate today = RoutingValidity.today().day();
        LocalDate asOf = today.isBefore(SampleDatabaseGenerator.DEFAULT_AS_OF) ? SampleDatabaseGenerator.DEFAULT_AS_OF : today;
        LOG.info(() -> "generating the sample Access database (" + sampleItems + " items, seed " + sampleSeed + ", as of " + asOf
                + ") at " + file);
        long t0 = System.nanoTime();
        SampleDatabaseGenerator.Summary s = SampleDatabaseGenerator.generate(file, new SampleDatabaseGenerator.Options(
                sampleSeed, sampleItems, sampleShiftedItems, false, SampleProfile.DEFAULT, asOf));
        LOG.info(() -> String.format("sample database ready: %d items, %d routed (%d with a routing in force), %d routing rows in %.1f s",
                s.items(), s.itemsWithRouting(), s.itemsWithValidRouting(), s.routingRows(), (System.nanoTime() - t0) / 1e9));
    }

    /** A new connection to the Access file; the caller closes it. */
    public Connection connect() throws SQLException {
        return AccessRepository.open(file());
    }

    /**
     * Looks an item up by ITEM_CD. One shared connection and prepared statement, reopened after a
     * failure; a look-up takes about 13 µs, so serialising them costs nothing worth a pool.
     *
     * @throws SQLException when the database cannot be read
     */
    public Optional<Item> findItem(String itemCode) throws SQLException {
        synchronized (lookupLock) {
            try {
                return lookUp(itemCode);
            } catch (SQLException stale) {
                // A connection opened before the file was replaced or restored fails once: retry
                // on a fresh one before reporting the database unreadable.
                closeLookup();
                LOG.log(Level.FINE, "item look-up failed, retrying on a new connection", stale);
                try {
                    return lookUp(itemCode);
                } catch (SQLException e) {
                    closeLookup();
                    throw e;
                }
            }
        }
    }

    private Optional<Item> lookUp(String itemCode) throws SQLException {
        if (lookupConnection == null || lookupConnection.isClosed()) {
            closeLookup();
            lookupConnection = connect();
            lookup = new AccessRepository.ItemLookup(lookupConnection);
        }
        return lookup.find(itemCode);
    }

    @PreDestroy
    void close() {
        synchronized (lookupLock) {
            closeLookup();
        }
    }

    private void closeLookup() {
        if (lookup != null) {
            try {
                lookup.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the look-up statement", e);
            }
            lookup = null;
        }
        if (lookupConnection != null) {
            try {
                lookupConnection.close();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "closing the look-up connection", e);
            }
            lookupConnection = null;
        }
    }
}
