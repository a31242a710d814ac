package com.routingml.prediction;

import com.routingml.access.AccessDatabase;
import com.routingml.access.Item;
import com.routingml.access.RoutingValidity;
import com.routingml.api.ProblemException;
import com.routingml.events.PredictionMade;
import com.routingml.events.PredictionRefused;
import com.routingml.model.RoutingModel;
import com.routingml.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers prediction requests with the active model. The item is looked up on the request thread;
 * the model work and the answer's JSON run on the bounded {@link PredictionWorkers}, and a request
 * that finds them busy and their wait line full is refused with 503 and {@code Retry-After}.
 */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class.getName());
    /** Seconds a refused caller is asked to wait: the line drains in milliseconds. */
    private static final int RETRY_AFTER_SECONDS = 1;

    @Inject
    ModelRegistry active;

    @Inject
    AccessDatabase access;

    @Inject
    PredictionWorkers workers;

    @Inject
    Event<PredictionMade> made;

    @Inject
    Event<PredictionRefused> refused;

    /**
     * The answer to {@code request} as JSON.
     *
     * @throws ProblemException 404 for an unknown item code, 422 for an item with no usable
     *                          attribute, 503 while no model is loaded, the database is unreadable,
     *                          or every worker is busy and the wait line is full
     */
    public byte[] answer(PredictionRequest request) {
        RoutingModel model = active.current().orElseThrow(() -> ProblemException.unavailable(
                "no model is loaded yet; retry when /health/ready is UP"));
        Item item = request.itemCode() == null ? request.item() : lookUp(request.itemCode());
        PredictionWorkers.Answer answer = await(model, item, request.topK());
        made.fire(new PredictionMade(answer.recommendation(), answer.nanos()));
        return answer.json();
    }

    private PredictionWorkers.Answer await(RoutingModel model, Item item, int topK) {
        CompletableFuture<PredictionWorkers.Answer> pending;
        try {
            pending = workers.compute(model, item, topK, RoutingValidity.today().day());
        } catch (RejectedExecutionException e) {
            refused.fire(new PredictionRefused(workers.workers(), workers.maxWaiting()));
            throw ProblemException.overloaded("every prediction worker (" + workers.workers()
                    + ") is busy and the wait line (" + workers.maxWaiting()
                    + " requests) is full; retry shortly or on another node", RETRY_AFTER_SECONDS);
        }
        try {
            return pending.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw ProblemException.unavailable("the application is stopping or the request was cancelled");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("the application is stopping or the request was cancelled");
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
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
