package com.routingml.api;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Protection against cross-site request forgery: a state-changing call must say
 * {@code Content-Type: application/json} (or another {@code +json} type).
 *
 * <p>Why this is enough: a page of another site can make a browser send a request carrying the
 * browser's remembered HTTP Basic credentials only as an HTML form (content types
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}) or
 * as a "simple" script request, which cannot set any other content type (nor omit the header
 * when a form sends it); a cross-site request with a JSON content type needs a CORS preflight,
 * which this server never grants. Requiring the header therefore keeps all cross-site writes out,
 * while same-origin scripts (the console) and non-browser clients ({@code curl -H 'Content-Type:
 * application/json'}) send it as a matter of course. Reading calls change nothing and are not
 * checked.
 */
public final class CsrfPolicy {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CsrfPolicy() {
    }

    /**
     * The detail of the refusal, or empty when the call may proceed.
     *
     * @param method      HTTP method
     * @param contentType the {@code Content-Type} header, or {@code null}
     */
    public static Optional<String> refusal(String method, String contentType) {
        if (method == null || SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT)) || isJson(contentType)) {
            return Optional.empty();
        }
        return Optional.of(method.toUpperCase(Locale.ROOT) + " needs Content-Type: application/json (also with an "
                + "empty body), which protects state-changing calls against cross-site request forgery; was "
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
