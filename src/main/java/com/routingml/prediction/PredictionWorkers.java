package com.routingml.prediction;

import com.routingml.access.Item;
import com.routingml.api.ProblemException;
import com.routingml.model.Recommendation;
import com.routingml.model.RoutingModel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The model work of predictions, on a managed executor of the server's thread pool with a
 * concurrency policy: at most {@code routingml.prediction.workers} answers are computed at once
 * (one per processor by default) and at most {@code routingml.prediction.max-waiting} wait; a
 * call beyond that is refused at once. Bounding the CPU-bound work keeps a saturated server
 * answering its health probes and metrics scrapes, which run on the same cores.
 *
 * <p>The executor comes from MicroProfile Context Propagation's builder, so the limits can be
 * sized from configuration at start: Liberty runs it as a policy executor on its global pool, the
 * mechanism behind server.xml's {@code concurrencyPolicy}. Only the application context (the
 * class loader the JSON writer needs) is propagated: the work needs no caller identity,
 * transaction or CDI request, and capturing them would cost every prediction.
 */
@ApplicationScoped
public class PredictionWorkers {

    private static final Logger LOG = Logger.getLogger(PredictionWorkers.class.getName());

    /** What a worker hands back: the answer's JSON, and the recommendation and its time for the observers. */
    public record Answer(Recommendation recommendation, long nanos, byte[] json) {
    }

    @Inject
    PredictionSettings settings;

    private ManagedExecutor executor;
    private int workers;
    private int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();

    @PostConstruct
    void start() {
        workers = settings.workers();
        maxWaiting = settings.maxWaiting();
        executor = ManagedExecutor.builder().maxAsync(workers).maxQueued(maxWaiting)
                .propagated(ThreadContext.APPLICATION).cleared(ThreadContext.ALL_REMAINING).build();
        LOG.info(() -> "prediction workers: " + workers + ", at most " + maxWaiting + " requests waiting");
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Starts recommending routings for {@code item} from those in force on {@code day}, and
     * writing the answer's JSON. The work is pure computation: no events and no I/O.
     *
     * @return the pending answer; it fails with a 422 {@link ProblemException} when the item has
     *         none of the similarity features
     * @throws RejectedExecutionException when every worker is busy and the wait line is full
     */
    public CompletableFuture<Answer> compute(RoutingModel model, Item item, int topK, LocalDate day) {
        waiting.incrementAndGet();
        try {
            return executor.supplyAsync(() -> {
                waiting.decrementAndGet();
                busy.incrementAndGet();
                try {
                    return answer(model, item, topK, day);
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet();
            throw e;
        }
    }

    private static Answer answer(RoutingModel model, Item item, int topK, LocalDate day) {
        long t0 = System.nanoTime();
        Recommendation r;
        try {
            r = model.recommend(item, topK, day);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "no-usable-attributes", "Item cannot be compared", e.getMessage());
        }
        long nanos = System.nanoTime() - t0;
        return new Answer(r, nanos, RecommendationJson.toJson(r));
    }

    /** Answers computed at this moment. */
    public int busy() {
        return busy.get();
    }

    /** Requests waiting for a worker at this moment. */
    public int waiting() {
        return waiting.get();
    }

    public int workers() {
        return workers;
    }

    public int maxWaiting() {
        return maxWaiting;
    }
}
