package com.routingml.lifecycle;

import com.routingml.access.AccessDatabase;
import com.routingml.access.RoutingValidity;
import com.routingml.sample.SampleDatabaseGenerator;
import com.routingml.sample.SampleProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * The embedded default database: with no Access file configured, a sample generated under the
 * data directory on first start, deterministic by seed ({@code routingml.sample.*}).
 */
@ApplicationScoped
public class EmbeddedSample {

    private static final Logger LOG = Logger.getLogger(EmbeddedSample.class.getName());

    @Inject
    AccessDatabase access;

    @Inject
    @ConfigProperty(name = "routingml.sample.items", defaultValue = "20000")
    int items;

    @Inject
    @ConfigProperty(name = "routingml.sample.seed", defaultValue = "42")
    long seed;

    @Inject
    @ConfigProperty(name = "routingml.sample.shifted-items", defaultValue = "0")
    int shiftedItems;

    /**
     * Generates the sample database if it is in use and absent. A configured file is left alone
     * (a missing one is reported by readiness, not papered over with sample data).
     *
     * @throws IOException when the file cannot be written
     */
    public void ensure() throws IOException {
        Path file = access.file();
        if (!access.isEmbeddedSample() || Files.exists(file)) {
            return;
        }
        // The sample's day is today: its expired routings have ended and its planned ones are still ahead.
        LocalDate today = RoutingValidity.today().day();
        LocalDate asOf = today.isBefore(SampleDatabaseGenerator.DEFAULT_AS_OF) ? SampleDatabaseGenerator.DEFAULT_AS_OF
                : today;
        LOG.info(() -> "generating the sample Access database (" + items + " items, seed " + seed + ", as of " + asOf
                + ") at " + file);
        long t0 = System.nanoTime();
        SampleDatabaseGenerator.Summary s = SampleDatabaseGenerator.generate(file,
                new SampleDatabaseGenerator.Options(seed, items, shiftedItems, false, SampleProfile.DEFAULT, asOf));
        LOG.info(() -> String.format("sample database ready: %d items, %d routed (%d with a routing in force),"
                + " %d routing rows in %.1f s", s.items(), s.itemsWithRouting(), s.itemsWithValidRouting(),
                s.routingRows(), (System.nanoTime() - t0) / 1e9));
    }
}
