package com.routingml.prediction;

import com.routingml.access.Item;
import com.routingml.api.ProblemException;
import com.routingml.model.Recommendation;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The model work of a prediction, behind a MicroProfile Fault Tolerance bulkhead: at most
 * {@code routingml.prediction.workers} answers are computed at once (one per processor by default)
 * and at most {@code routingml.prediction.max-waiting} wait; a call beyond that fails at once with
 * a {@code BulkheadException}. Bounding the CPU-bound work keeps a saturated server answering its
 * health probes and metrics scrapes, which run on the same cores.
 *
 * <p>The sizes come from MicroProfile Config through Fault Tolerance's own keys
 * ({@code com.routingml.prediction.PredictionWorkers/compute/Bulkhead/value} and
 * {@code .../waitingTaskQueue}), which {@code META-INF/microprofile-config.properties} maps to the
 * two {@code routingml.prediction.*} keys; the annotation values are the fallback.
 */
@ApplicationScoped
public class PredictionWorkers {

    /** What a worker hands back: the answer's JSON, and the recommendation and its time for the observers. */
    public record Answer(Recommendation recommendation, long nanos, byte[] json) {
    }

    /**
     * Recommends routings for {@code item} from those in force on {@code day} and writes the
     * answer's JSON. Pure computation: no events and no I/O, so the bulkhead bounds CPU work only.
     *
     * @return a stage completed with the answer, or exceptionally with a {@code BulkheadException}
     *         when the workers are busy and the wait line is full, or a 422 {@link ProblemException}
     *         when the item has none of the similarity features
     */
    @Asynchronous
    @Bulkhead(value = 2, waitingTaskQueue = 32)
    public CompletionStage<Answer> compute(RoutingModel model, Item item, int topK, LocalDate day) {
        long t0 = System.nanoTime();
        Recommendation r;
        try {
            r = model.recommend(item, topK, day);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "no-usable-attributes", "Item cannot be compared", e.getMessage());
        }
        long nanos = System.nanoTime() - t0;
        return CompletableFuture.completedFuture(new Answer(r, nanos, RecommendationJson.toJson(r)));
    }
}
