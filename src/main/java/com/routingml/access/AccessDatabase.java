package com.routingml.access;

import com.routingml.storage.StorageSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The configured Access file: where it is, whether it is the embedded sample, and item look-ups
 * for predictions by ITEM_CD.
 *
 * <p>With {@code routingml.access.file} unset, the embedded default is used: a sample database
 * under the data directory, generated on first start ({@code sample.EmbeddedSample}). A configured
 * file is never generated over.
 */
@ApplicationScoped
public class AccessDatabase {

    private static final Logger LOG = Logger.getLogger(AccessDatabase.class.getName());

    @Inject
    StorageSettings storage;

    @Inject
    @ConfigProperty(name = "routingml.access.file")
    Optional<String> configuredFile;

    private final Object lookupLock = new Object();
    private Connection lookupConnection;
    private AccessRepository.ItemLookup lookup;

    /** The Access file in use. */
    public Path file() {
        return configuredFile.filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> storage.dataDir().resolve("sample").resolve("routing-sample.accdb")).toAbsolutePath();
    }

    public boolean isEmbeddedSample() {
        return configuredFile.filter(s -> !s.isBlank()).isEmpty();
    }

    /** A new connection to the Access file; the caller closes it. */
    public Connection connect() throws SQLException {
        return AccessRepository.open(file());
    }

    /**
     * Looks an item up by ITEM_CD. One shared connection and prepared statement, reopened after a
     * failure; a look-up by primary key is short next to the prediction it serves, so serialising
     * them costs nothing worth a pool.
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
