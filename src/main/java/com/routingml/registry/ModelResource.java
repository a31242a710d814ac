package com.routingml.registry;

import com.routingml.model.ActivationHistory;
import com.routingml.model.EvaluationMetrics;
import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelMetadata;
import com.routingml.model.ModelStore;
import com.routingml.model.Provenance;
import com.routingml.model.RoutingModel;
import com.routingml.model.TrainingConfig;
import com.routingml.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.util.List;

/** {@code GET /api/models} and {@code GET /api/models/active}: model versions and their metrics. */
@Path("/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelRegistry active;

    /**
     * A version as listed: metadata without the baseline sample (kept in model.json).
     *
     * @param active whether this version serves predictions now
     */
    public record ModelView(String version, boolean active, java.time.Instant createdAt, int formatVersion,
                            EvaluationMetrics metrics, Provenance provenance, TrainingConfig params, int baselineSize) {
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

    @Context
    SecurityContext security;

    /**
     * Re-activates a stored version (rollback, or a manual promotion of a candidate kept for
     * review): verified, atomic switch, recorded in the history.
     */
    @POST
    @Path("/{version}/activate")
    @RolesAllowed("admin")
    public ModelView activate(@PathParam("version") String version) throws IOException {
        if (!ModelStore.isValidVersion(version)) {
            throw ProblemException.badRequest("invalid model version id: '" + version + "'");
        }
        String user = security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
        try {
            RoutingModel m = active.activate(version, ActivationHistory.Kind.ROLLBACK, user, "activated over the API by " + user);
            return ModelView.of(m.metadata(), m.version());
        } catch (ModelFormatException e) {
            throw ProblemException.notFound("model version '" + version + "' cannot be activated: " + e.getMessage());
        }
    }

    /** Promotions and rollbacks, newest first. */
    @GET
    @Path("/history")
    public List<ActivationHistory.Entry> history() throws IOException {
        List<ActivationHistory.Entry> all = new java.util.ArrayList<>(active.history().entries());
        java.util.Collections.reverse(all);
        return all;
    }

    @GET
    @Path("/active")
    public ModelView activeModel() {
        RoutingModel m = active.current().orElseThrow(() -> ProblemException.unavailable("no model is loaded yet"));
        return ModelView.of(m.metadata(), m.version());
    }
}
