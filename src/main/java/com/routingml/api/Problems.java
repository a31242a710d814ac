package com.routingml.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds RFC 9457 {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem type URIs are URNs: stable identifiers that do not pretend to be web pages. */
    public static final String TYPE_PREFIX = "urn:routing-ml:problem:";

    private Problems() {
    }

    public static Response response(int status, String slug, String title, String detail, String instance) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", slug == null ? "about:blank" : TYPE_PREFIX + slug)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            b.add("detail", detail);
        }
        if (instance != null) {
            b.add("instance", instance);
        }
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(b.build().toString()).build();
    }
}
