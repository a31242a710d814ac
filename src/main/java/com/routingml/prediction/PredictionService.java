package com.routingml.prediction;

import com.routingml.access.AccessDatabase;
import com.routingml.access.Item;
import com.routingml.access.RoutingValidity;
import com.routingml.api.ProblemException;
import com.routingml.lifecycle.IdleScheduling;
import com.routingml.metrics.MetricNames;
import com.routingml.metrics.RoutingMetrics;
import com.routingml.model.ActiveModel;
import com.routingml.model.Recommendation;
import com.routingml.model.RoutingModel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers prediction requests with the active model. The model work and the JSON of the answer run
 * on a fixed set of prediction workers ({@link Bulkhead}), one per core by default, so that a
 * saturated server still answers health probes and metrics scrapes promptly; requests beyond the
 * workers wait in a bounded line and are refused with 503 and {@code Retry-After} when it is full.
 * The workers run under Linux's SCHED_IDLE policy ({@link IdleScheduling}), for the same reason.
 */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class.getName());
    /** Seconds a refused caller is asked to wait: the line drains in milliseconds. */
    private static final int RETRY_AFTER_SECONDS = 1;

    @Inject
    ActiveModel active;

    @Inject
    AccessDatabase access;

    @Inject
    Event<PredictionMade> made;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    /** 0: one worker per processor the JVM may use (container limits included). */
    @Inject
    @ConfigProperty(name = "routingml.prediction.workers", defaultValue = "0")
    int configuredWorkers;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-waiting", defaultValue = "32")
    int maxWaiting;

    /** idle: the workers run under SCHED_IDLE (see IdleScheduling); normal: like every other thread. */
    @Inject
    @ConfigProperty(name = "routingml.prediction.worker-policy", defaultValue = "idle")
    String workerPolicy;

    private Bulkhead workers;
    /** Workers whose switch to SCHED_IDLE succeeded. */
    private final AtomicInteger idleWorkers = new AtomicInteger();
    private Counter shed;

    @PostConstruct
    void start() {
        int n = configuredWorkers == 0 ? Runtime.getRuntime().availableProcessors() : configuredWorkers;
        boolean idle = switch (workerPolicy.strip().toLowerCase(Locale.ROOT)) {
            case "idle" -> true;
            case "normal" -> false;
            default -> throw new IllegalArgumentException("routingml.prediction.worker-policy must be idle or normal, was " + workerPolicy);
        };
        try {
            workers = new Bulkhead(n, maxWaiting, r -> threads.newThread(idle ? () -> {
                if (schedule()) {
                    idleWorkers.incrementAndGet();
                }
                r.run();
            } : r));
        } catch (IllegalArgumentException e) {
            // The bulkhead checks the sizes; here they get the names an operator sets them by.
            throw new IllegalArgumentException("routingml.prediction.workers must be >= 0 (0: one per processor) and "
                    + "routingml.prediction.max-waiting >= 1, were " + configuredWorkers + " and " + maxWaiting, e);
        }
        shed = metrics.counter(RoutingMetrics.meta(MetricNames.PREDICTIONS_SHED,
                "Prediction requests refused with 503 because every worker was busy and the wait line was full."));
        metrics.gauge(RoutingMetrics.meta(MetricNames.PREDICTION_QUEUE_LENGTH, "Prediction requests waiting for a free worker."),
                workers, Bulkhead::waiting);
        metrics.gauge(RoutingMetrics.meta(MetricNames.PREDICTION_WORKERS_BUSY, "Prediction workers computing an answer."),
                workers, Bulkhead::busy);
        metrics.gauge(RoutingMetrics.meta(MetricNames.PREDICTION_WORKERS_SCHED_IDLE, "Prediction workers running under Linux's "
                + "SCHED_IDLE policy; fewer than the workers means health probes may wait behind predictions (see the log)."),
                idleWorkers, AtomicInteger::get);
        metrics.gauge(RoutingMetrics.meta(MetricNames.REQUEST_THREADS_SCHED_IDLE, "Request threads that inherited SCHED_IDLE from "
                + "the thread that created them (should be 0: they would serve requests at idle priority; -1: /proc unreadable)."),
                IdleScheduling::idleRequestThreads);
        LOG.info(() -> "prediction workers: " + n + " (policy " + workerPolicy + "), at most " + maxWaiting + " requests waiting");
    }

    /** Run by each worker thread before its first call; true when it now runs under SCHED_IDLE. */
    private static boolean schedule() {
        String failure = IdleScheduling.idleCurrentThread();
        if (failure == null) {
            LOG.fine(() -> Thread.currentThread().getName() + " runs under SCHED_IDLE");
            return true;
        } else {
            LOG.warning(() -> Thread.currentThread().getName() + " keeps the normal scheduling policy (" + failure
                    + "); health probes may wait longer behind predictions under load. "
                    + "Set routingml.prediction.worker-policy=normal to silence this.");
            return false;
        }
    }

    /** Registers the metrics (and sizes the workers) when the application starts, before any request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing is enough: the bean is created here
    }

    @PreDestroy
    void stop() {
        workers.close();
    }

    /**
     * The answer to {@code request} as JSON. The item is looked up on the calling thread (it may
     * wait on the Access file); the model and the JSON run on a worker.
     *
     * @throws ProblemException 404 for an unknown item code, 422 for an item with no usable
     *                          attribute, 503 while no model is loaded, the database is unreadable,
     *                          or every worker is busy and the wait line is full
     */
    public byte[] answer(PredictionRequest request) {
        RoutingModel model = active.current().orElseThrow(() -> ProblemException.unavailable(
                "no model is loaded yet; retry when /health/ready is UP"));
        Item item = request.itemCode() == null ? request.item() : lookUp(request.itemCode());
        Answer answer;
        try {
            LocalDate today = RoutingValidity.today().day();
            answer = workers.call(() -> compute(model, item, request.topK(), today));
        } catch (RejectedExecutionException e) {
            shed.inc();
            throw ProblemException.overloaded("every prediction worker (" + workers.workers() + ") is busy and the wait line ("
                    + workers.maxWaiting() + " requests) is full; retry shortly or on another node", RETRY_AFTER_SECONDS);
        } catch (CancellationException e) {
            throw ProblemException.unavailable("the application is stopping or the request was cancelled");
        }
        // Fired here, on the request thread, not on the worker: the observers (metrics, drift) hand
        // work to the server's executors, and a thread those executors created from a SCHED_IDLE
        // worker would inherit SCHED_IDLE for good. A worker only computes.
        made.fire(new PredictionMade(answer.recommendation(), answer.nanos()));
        return answer.json();
    }

    /** What a worker hands back: the answer's JSON, and the recommendation and its time for the observers. */
    private record Answer(Recommendation recommendation, long nanos, byte[] json) {
    }

    /** Runs on a worker: pure computation, no events, no other executors (see answer). */
    private static Answer compute(RoutingModel model, Item item, int topK, LocalDate today) {
        long t0 = System.nanoTime();
        Recommendation r;
        try {
            r = model.recommend(item, topK, today);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "no-usable-attributes", "Item cannot be compared", e.getMessage());
        }
        long nanos = System.nanoTime() - t0;
        return new Answer(r, nanos, RecommendationJson.toJson(r));
    }

    private Item lookUp(String itemCode) {
        try {
            return access.findItem(itemCode).orElseThrow(() -> ProblemException.notFound(
                    "item " + itemCode + " is not in dbo_BI_ITEM_INFO_VIEW; give its attributes instead"));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "item look-up of " + itemCode + " failed: " + e.getMessage(), e);
            throw ProblemException.unavailable("the item master cannot be read right now: " + e.getMessage());
        }
    }

}
