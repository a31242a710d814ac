package com.routingml.registry;

import com.routingml.model.ActivationHistory;
import com.routingml.model.EvaluationMetrics;
import com.routingml.model.FeatureForm;
import com.routingml.model.ModelFormatException;
import com.routingml.model.ModelMetadata;
import com.routingml.model.ModelStore;
import com.routingml.model.NullRatioReport;
import com.routingml.model.Provenance;
import com.routingml.model.RoutingDiff;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/models} and {@code GET /api/models/active}: model versions and their metrics. */
@Path("/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private static final String PROBLEM = "#/components/schemas/Problem";

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
                    m.metrics(), m.provenance(), m.params(),
                    m.baselineScores() == null ? 0 : m.baselineScores().length);
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
            RoutingModel m = active.activate(version, ActivationHistory.Kind.ROLLBACK, user,
                    "activated over the API by " + user);
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
        RoutingModel m = served();
        return ModelView.of(m.metadata(), m.version());
    }

    /** The active model's similarity features, for an attribute form. */
    @GET
    @Path("/active/features")
    @Operation(summary = "The active model's similarity features",
            description = "Kind, weight, the values a code knows, the unit column and typical size of a length.")
    public FeatureForm features() {
        RoutingModel m = served();
        return FeatureForm.of(m.version(), m.index().encoder());
    }

    /**
     * NULL shares per item master column in the active model's training data, against the model
     * that served before it (the activation history's previous version, else the newest older one).
     */
    @GET
    @Path("/active/null-ratios")
    @Operation(summary = "NULL share per item master column in the active model's training data, with alert thresholds",
            description = "The threshold is the previous model's share plus the rise of the Prometheus alert "
                    + "RoutingMlNullRatioRose (0.2); without a previous model, this model's share plus the rise.")
    public NullRatioReport nullRatios() throws IOException {
        RoutingModel m = served();
        return NullRatioReport.of(m.metadata(), reference(m.metadata()));
    }

    private ModelMetadata reference(ModelMetadata current) throws IOException {
        Optional<String> previous = active.history().previousOf(current.version());
        if (previous.isPresent()) {
            try {
                return active.store().readMetadata(previous.get());
            } catch (ModelFormatException e) {
                // deleted by retention or unreadable: fall back to the newest older version
            }
        }
        return active.store().list().stream()
                .filter(x -> x.createdAt() != null && current.createdAt() != null
                        && x.createdAt().isBefore(current.createdAt()))
                .findFirst().orElse(null);
    }

    /**
     * Two routings of the active model's items, operation against operation (e.g. two candidates:
     * a candidate's operations are its first reference item's routing).
     */
    @GET
    @Path("/active/routings/compare")
    @Operation(summary = "Two routings of the active model's items, aligned operation by operation",
            description = "Aligned on the longest common JOB_CD subsequence; each row SAME, CHANGED (naming the "
                    + "columns), ONLY_LEFT or ONLY_RIGHT. Without leftRouting/rightRouting an item's first routing "
                    + "is taken.")
    @APIResponse(responseCode = "200", description = "The two routings aligned",
            content = @Content(schema = @Schema(implementation = RoutingDiff.class)))
    @APIResponse(responseCode = "400", description = "leftItem or rightItem missing",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    @APIResponse(responseCode = "404", description = "an item without a routing in the model, or an unknown ROUT_NO",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    public RoutingDiff compare(@QueryParam("leftItem") String leftItem, @QueryParam("leftRouting") String leftRouting,
                               @QueryParam("rightItem") String rightItem,
                               @QueryParam("rightRouting") String rightRouting) {
        RoutingModel m = served();
        try {
            return RoutingDiff.between(m, itemCode("leftItem", leftItem), leftRouting,
                    itemCode("rightItem", rightItem), rightRouting);
        } catch (java.util.NoSuchElementException e) {
            throw ProblemException.notFound(e.getMessage());
        }
    }

    private static String itemCode(String param, String item) {
        if (item == null || item.isBlank() || item.length() > 64) {
            throw ProblemException.badRequest(param + " must be the ITEM_CD of a routed item (1-64 characters), was "
                    + (item == null ? "missing" : "\"" + item + "\""));
        }
        return item.trim();
    }

    private RoutingModel served() {
        return active.current().orElseThrow(() -> ProblemException.unavailable("no model is loaded yet"));
    }
}
