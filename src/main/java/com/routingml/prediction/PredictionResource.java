package com.routingml.prediction;

import com.routingml.api.CallerEndpoint;
import com.routingml.model.Recommendation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;

/** {@code POST /api/predictions}: candidate routings for an item. */
@Path("/predictions")
// One instance for all requests (it keeps no per-request state): the hot path does not create and
// inject a resource per call.
@ApplicationScoped
@CallerEndpoint
public class PredictionResource {

    @Inject
    PredictionService service;

    @Inject
    PredictionSettings settings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "predictions")
    @Operation(summary = "Recommend routings for an item",
            description = "Candidate routings of the most similar items, ranked by the neighbours' "
                    + "similarity-weighted vote; each with its operations, similarity score, confidence, "
                    + "reference items and per-feature contributions (why) that sum to the score. An item "
                    + "given by itemCode is never its own neighbour.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "#/components/schemas/PredictionRequest"),
            examples = {
                    @ExampleObject(name = "by item code", value = "{\"itemCode\": \"B000087\", \"topK\": 2}"),
                    @ExampleObject(name = "new item by attributes", value = "{\"attributes\": {\"ITEM_TYPE\": \"BU\", "
                            + "\"PART_TYPE\": \"TB-005\", \"ITEM_MATERIAL\": \"SIC\", \"OUTDIAMETER\": 310}, "
                            + "\"topK\": 3}")}))
    @APIResponse(responseCode = "200", description = "Recommended routings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendation.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid body",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "404", description = "Unknown ITEM_CD",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "413", description = "Body larger than routingml.prediction.max-body-bytes",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "The item has none of the similarity features",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503",
            description = "No model loaded yet, the item master cannot be read, or every prediction "
                    + "worker is busy and the wait line is full (problem type overloaded, with Retry-After)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response predict(InputStream body) {
        // The answer is JSON already (built by the prediction worker): one write, with its length.
        // The length must be set here: the container's byte[] writer leaves larger bodies chunked.
        byte[] json = service.answer(PredictionRequest.parse(body, settings.maxBodyBytes(), settings.defaultTopK(),
                settings.maxTopK()));
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, json.length).build();
    }
}
