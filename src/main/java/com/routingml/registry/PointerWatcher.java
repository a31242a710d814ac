package com.routingml.registry;

import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the model store's {@code active} pointer when another server (or an operator) moves it.
 *
 * <p>Several servers can share one model store. A promotion or rollback on one of them moves the
 * pointer; every {@code routingml.model.pointer-check-seconds} each server compares the pointer
 * with the version it serves and, when they differ, loads the named version as an activation does
 * (format and SHA-256 verified) and serves it. A version that does not load is refused, logged, and
 * the current model keeps serving; it is tried again only once its files change.
 */
@ApplicationScoped
public class PointerWatcher {

    private static final Logger LOG = Logger.getLogger(PointerWatcher.class.getName());

    /** How often the active pointer is compared with the served version; 0 turns it off. */
    @Inject
    @ConfigProperty(name = "routingml.model.pointer-check-seconds", defaultValue = "30")
    int pointerCheckSeconds;

    @Inject
    ModelRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;
    private volatile boolean stopping;
    /** The pointer target last refused, as its files were then; retried only once they change. */
    private Target refused;
    private boolean pointerMissingLogged;

    /** What a pointer check did. */
    enum PointerCheck {
        /** No model served yet: start-up loads the first one. */
        NOT_SERVING,
        /** No (readable) pointer: the served model stays. */
        NO_POINTER,
        /** The pointer names the served version. */
        UNCHANGED,
        /** The pointer named another version, which now serves. */
        SWITCHED,
        /** The pointer names a version that does not load; the served model stays. */
        REFUSED,
        /** Refused before, and its files have not changed since: not loaded again. */
        STILL_REFUSED
    }

    /** A version's files as last seen: a refused target is retried when this changes. */
    record Target(String version, FileTime modelJson, FileTime index, long indexSize) {
        static Target of(Path root, String version) {
            Path dir = root.resolve(version);
            return new Target(version, modified(dir.resolve(ModelStore.MODEL_JSON)),
                    modified(dir.resolve(ModelStore.INDEX_BIN)), size(dir.resolve(ModelStore.INDEX_BIN)));
        }

        private static FileTime modified(Path f) {
            try {
                return Files.getLastModifiedTime(f);
            } catch (IOException e) {
                return null;
            }
        }

        private static long size(Path f) {
            try {
                return Files.size(f);
            } catch (IOException e) {
                return -1;
            }
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (pointerCheckSeconds < 0) {
            throw new IllegalArgumentException("routingml.model.pointer-check-seconds must be >= 0 (0: off), was "
                    + pointerCheckSeconds);
        }
        if (pointerCheckSeconds == 0) {
            LOG.info("the active pointer is not watched (routingml.model.pointer-check-seconds=0): a promotion on "
                    + "another server reaches this one on its next start or activation only");
            return;
        }
        task = scheduler.scheduleWithFixedDelay(this::check, pointerCheckSeconds, pointerCheckSeconds,
                TimeUnit.SECONDS);
        LOG.info(() -> "active pointer " + registry.store().root().resolve(ModelStore.ACTIVE) + " checked every "
                + pointerCheckSeconds + " s");
    }

    /** The scheduled check: never throws, so the schedule goes on. */
    private void check() {
        if (stopping) {
            return;
        }
        try {
            followPointer();
        } catch (RuntimeException e) {
            LOG.log(stopping ? Level.FINE : Level.WARNING, "active pointer check failed: " + e, e);
        }
    }

    /**
     * Serves the version the {@code active} pointer names if it is not the served one. The new
     * version is loaded and verified as {@link ModelRegistry#activate(String)} does, but the pointer
     * is not written and nothing is added to the history: whoever moved the pointer did both.
     */
    PointerCheck followPointer() {
        synchronized (registry.switchLock()) { // after a local activation, not in the middle of one
            ModelStore store = registry.store();
            Optional<RoutingModel> servedNow = registry.current();
            if (servedNow.isEmpty()) {
                return PointerCheck.NOT_SERVING;
            }
            RoutingModel served = servedNow.get();
            Optional<String> pointer;
            try {
                pointer = store.activeVersion();
            } catch (IOException e) {
                pointer = Optional.empty();
            }
            if (pointer.isEmpty() || !ModelStore.isValidVersion(pointer.get())) {
                if (!pointerMissingLogged) {
                    pointerMissingLogged = true;
                    LOG.warning("the active pointer " + store.root().resolve(ModelStore.ACTIVE)
                            + " is missing, empty or invalid; still serving " + served.version()
                            + " (a restart would not find it)");
                }
                return PointerCheck.NO_POINTER;
            }
            pointerMissingLogged = false;
            String version = pointer.get();
            if (version.equals(served.version())) {
                refused = null;
                return PointerCheck.UNCHANGED;
            }
            Target target = Target.of(store.root(), version);
            if (target.equals(refused)) {
                return PointerCheck.STILL_REFUSED;
            }
            RoutingModel next;
            try {
                next = store.load(version);
            } catch (ModelFormatException e) {
                refused = target;
                LOG.severe("the active pointer names model " + version + ", which cannot be loaded: " + e.getMessage()
                        + "; still serving " + served.version() + " (tried again when the version's files change)");
                return PointerCheck.REFUSED;
            }
            refused = null;
            LOG.info(() -> "the active pointer moved from " + served.version() + " to " + version
                    + " (another server or an operator): verified, switching");
            registry.serve(next);
            return PointerCheck.SWITCHED;
        }
    }

    /** Stops the pointer checks before the application's beans go away. */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
