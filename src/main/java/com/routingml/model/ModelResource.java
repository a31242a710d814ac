package com.routingml.model;

import com.routingml.api.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/models} and {@code GET /api/models/active}: model versions and their metrics. */
@Path("/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ActiveModel active;

    /**
     * A version as listed: metadata without the baseline sample (kept in model.json).
     *
     * @param active whether this version serves predictions now
     */
    public record ModelView(String version, boolean active, java.time.Instant createdAt, int formatVersion,
                            EvaluationMetrics metrics, Provenance provenance, TrainingParams params, int baselineSize) {
        static ModelView of(ModelMetadata m, String activeVersion) {
            return new ModelView(m.version(), m.version().equals(activeVersion), m.createdAt(), m.formatVersion(),
                    m.metrics(), m.provenance(), m.params(), m.baselineScores() == null ? 0 : m.baselineScores().length);
        }
    }

    /** Versions, newest first. */
    public record ModelList(String activeVersion, List<ModelView> models) {
    }

    @GET
    public ModelList list() throws IOException {
        String current = active.current().map(RoutingModel::version).orElse(null);
        return new ModelList(current, active.store().list().stream().map(m -> ModelView.of(m, current)).toList());
    }

    @GET
    @Path("/active")
    public ModelView activeModel() {
        RoutingModel m = active.current().orElseThrow(() -> ProblemException.unavailable("no model is loaded yet"));
        return ModelView.of(m.metadata(), m.version());
    }
}
