package com.routingml.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/**
 * Where the application keeps its files: the data directory (sample database, retraining datasets
 * and run state, embedded databases) and the model store.
 *
 * <p>{@code routingml.data.dir} has no default here: server.xml declares it, because Liberty's
 * embedded data sources need it too, and Liberty offers its server.xml variables to MicroProfile
 * Config, so both read one value (a system property or {@code ROUTINGML_DATA_DIR} overrides it).
 * Relative paths are relative to the server's output directory, Liberty's working directory.
 */
@ApplicationScoped
public class StorageSettings {

    public static final String DATA_DIR = "routingml.data.dir";
    public static final String MODELS_DIR = "routingml.models.dir";

    @Inject
    @ConfigProperty(name = DATA_DIR)
    String dataDir;

    @Inject
    @ConfigProperty(name = MODELS_DIR, defaultValue = "models")
    String modelsDir;

    /** The data directory, absolute. */
    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath();
    }

    /** The model store's root, absolute. */
    public Path modelsDir() {
        return Path.of(modelsDir).toAbsolutePath();
    }
}
