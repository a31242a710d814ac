package com.routingml.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Protection against cross-site request forgery: a {@code POST} must say
 * {@code Content-Type: application/json} (or another {@code +json} type).
 *
 * <p>Why this is enough: a page of another site can make a browser send a request that carries
 * the browser's remembered HTTP Basic credentials, without asking this server first, only as a
 * "simple" request: {@code GET}, {@code HEAD} or {@code POST}, and a {@code POST} only with the
 * content type of an HTML form ({@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}, {@code text/plain}) or none. Every other request (a JSON
 * {@code POST}, any {@code PUT}, {@code PATCH} or {@code DELETE}) needs a CORS preflight, which
 * this server never grants. Requiring the JSON type on {@code POST} therefore keeps all cross-site
 * writes out, while same-origin scripts (the console) and non-browser clients
 * ({@code curl -H 'Content-Type: application/json'}) send it as a matter of course. {@code GET} and
 * {@code HEAD} change nothing here.
 */
public final class CsrfPolicy {

    private CsrfPolicy() {
    }

    /**
     * The detail of the refusal, or empty when the call may proceed.
     *
     * @param method      HTTP method
     * @param contentType the {@code Content-Type} header, or {@code null}
     */
    public static Optional<String> refusal(String method, String contentType) {
        if (!"POST".equalsIgnoreCase(method) || isJson(contentType)) {
            return Optional.empty();
        }
        return Optional.of("POST needs Content-Type: application/json (also with an empty body), which protects "
                + "state-changing calls against cross-site request forgery; was "
                + (contentType == null || contentType.isBlank() ? "none" : "'" + contentType + "'"));
    }

    /** Whether a content type is {@code application/json} or {@code application/*+json}, parameters allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
