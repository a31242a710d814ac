package com.routingml.prediction;

import com.routingml.access.AccessDatabase;
import com.routingml.access.Item;
import com.routingml.api.ProblemException;
import com.routingml.model.ActiveModel;
import com.routingml.model.Recommendation;
import com.routingml.model.RoutingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers prediction requests with the active model. */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class.getName());

    @Inject
    ActiveModel active;

    @Inject
    AccessDatabase access;

    @Inject
    Event<PredictionMade> made;

    /**
     * @throws ProblemException 404 for an unknown item code, 422 for an item with no usable
     *                          attribute, 503 while no model is loaded or the database is unreadable
     */
    public Recommendation predict(PredictionRequest request) {
        RoutingModel model = active.current().orElseThrow(() -> ProblemException.unavailable(
                "no model is loaded yet; retry when /health/ready is UP"));
        Item item = request.itemCode() == null ? request.item() : lookUp(request.itemCode());
        long t0 = System.nanoTime();
        Recommendation r;
        try {
            r = model.recommend(item, request.topK());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "no-usable-attributes", "Item cannot be compared", e.getMessage());
        }
        made.fire(new PredictionMade(r, System.nanoTime() - t0));
        return r;
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
