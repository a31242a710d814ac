package com.routingml.prediction;

import com.routingml.model.Recommendation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;

/** {@code POST /api/predictions}: candidate routings for an item. */
@Path("/predictions")
@RequestScoped
public class PredictionResource {

    @Inject
    PredictionService service;

    @Inject
    @ConfigProperty(name = "routingml.prediction.default-top-k", defaultValue = "5")
    int defaultTopK;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-top-k", defaultValue = "50")
    int maxTopK;

    @Inject
    @ConfigProperty(name = "routingml.prediction.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Recommendation predict(InputStream body) {
        return service.predict(PredictionRequest.parse(body, maxBodyBytes, defaultTopK, maxTopK));
    }
}
