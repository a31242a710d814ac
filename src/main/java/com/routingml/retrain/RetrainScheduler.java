package com.routingml.retrain;

import com.routingml.cluster.ScheduleGuard;
import com.routingml.events.ModelActivated;
import com.routingml.events.RetrainRecommended;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.CronTrigger;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts retraining on a cron schedule ({@code routingml.retrain.cron}, default {@code 0 0 2 1 * *}:
 * 02:00 on the 1st, in {@code routingml.retrain.zone}) and when the drift rule recommends it. Either
 * way at most one execution runs: a tick while one runs is skipped and logged. With several servers
 * sharing the job repository, a scheduled tick starts a run only on the server that claims its
 * period ({@link ScheduleGuard}).
 *
 * <p>No silent skips: when the first model this server serves (its start) is older than the
 * schedule's latest period and nobody claimed that period (every server was down at its time),
 * the period is caught up now, once across servers ({@link ScheduleGuard#claimMissed}), with
 * trigger {@code catch-up}. A tick that fires before the catch-up is decided waits for the decision,
 * so a caught-up run starts first and the tick finds it running.
 *
 * <p>These starts run on a server thread with no caller; the batch runtime refuses a start
 * without a batch role, so they run as the {@link BatchIdentity} (batchSubmitter and batchMonitor
 * only, see server.xml), which is then the job instance's submitter.
 */
@ApplicationScoped
public class RetrainScheduler {

    private static final Logger LOG = Logger.getLogger(RetrainScheduler.class.getName());
    /**
     * Bounds a tick's wait for the catch-up decision, which needs a served model: a first start
     * trains one first, and a server without its Access file serves none.
     */
    private static final Duration CATCH_UP_WAIT = Duration.ofMinutes(2);

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    ContextService contexts;

    @Inject
    RetrainSettings config;

    @Inject
    RetrainLauncher launcher;

    @Inject
    BatchIdentity identity;

    /** Several servers fire the same schedule: only the one that claims the month's period starts it. */
    @Inject
    ScheduleGuard guard;

    private ScheduledFuture<?> schedule;
    private Consumer<String> starter;
    private CronTrigger trigger;
    /**
     * Training time of the first model served, until the catch-up check ran (it needs both that and {@link #onStart}).
     */
    private Instant firstServed;
    private boolean catchUpChecked;
    /** Completes once the catch-up check has claimed and started its run, or found none to run. */
    private final CompletableFuture<Void> catchUpDone = new CompletableFuture<>();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // Captures the application's context now, so a start from any thread finds the job.
        @SuppressWarnings("unchecked")
        Consumer<String> s = contexts.createContextualProxy((Consumer<String>) this::startQuietly, Consumer.class);
        starter = s;
        if (!config.scheduleEnabled()) {
            LOG.info("scheduled retraining is disabled (routingml.retrain.schedule-enabled=false)");
            return;
        }
        CronTrigger cron = new CronTrigger(config.cron(), config.zone());
        schedule = executor.schedule(() -> {
            awaitCatchUpDecision();
            if (guard.claim(RetrainLauncher.JOB, cron)) {
                startQuietly("schedule");
            }
        }, cron);
        LOG.info(() -> "retraining scheduled by cron '" + config.cron() + "' in " + config.zone() + "; next run "
                + cron.getNextRunTime(null, java.time.ZonedDateTime.now(config.zone())));
        synchronized (this) {
            trigger = cron;
        }
        catchUpWhenReady();
    }

    /** The first model this server serves: the moment to check for a missed period. */
    void onModelActivated(@Observes ModelActivated event) {
        if (event.previous() != null) {
            return;
        }
        synchronized (this) {
            if (firstServed != null || catchUpChecked) {
                return;
            }
            Instant trained = event.model().metadata().createdAt();
            firstServed = trained == null ? Instant.EPOCH : trained;
        }
        catchUpWhenReady();
    }

    /** Runs the catch-up check once, as soon as the schedule exists and a model serves. */
    private void catchUpWhenReady() {
        CronTrigger cron;
        Instant since;
        Consumer<String> s;
        synchronized (this) {
            if (catchUpChecked || trigger == null || firstServed == null || starter == null) {
                return;
            }
            catchUpChecked = true;
            cron = trigger;
            since = firstServed;
            s = starter;
        }
        executor.submit(() -> {
            try {
                if (guard.claimMissed(RetrainLauncher.JOB, cron, since)) {
                    s.accept("catch-up");
                }
            } finally {
                catchUpDone.complete(null);
            }
        });
    }

    /**
     * A tick waits until the catch-up is decided and, if due, started. Otherwise both would claim
     * their periods at once, and the tick's run could start first and leave the caught-up one unrun.
     */
    private void awaitCatchUpDecision() {
        try {
            catchUpDone.get(CATCH_UP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning(() -> "no catch-up decision within " + CATCH_UP_WAIT
                    + " (no model served yet); the scheduled tick goes on");
        }
    }

    void onDrift(@ObservesAsync RetrainRecommended event) {
        if (!config.onDrift()) {
            LOG.info(() -> "retraining recommended by drift (" + event.reason()
                    + "), but routingml.retrain.on-drift=false");
            return;
        }
        Consumer<String> s = starter;
        if (s == null) {
            LOG.warning("retraining recommended by drift before the application finished starting; not started");
            return;
        }
        executor.submit(() -> s.accept("drift"));
    }

    void startQuietly(String trigger) {
        try {
            identity.call(() -> launcher.start(trigger, new Properties()));
        } catch (RetrainLauncher.AlreadyRunning e) {
            LOG.info(() -> "retraining (" + trigger + ") skipped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "retraining (" + trigger + ") could not start: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
