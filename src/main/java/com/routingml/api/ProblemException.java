package com.routingml.api;

/**
 * A request that cannot be served, as an RFC 9457 problem: the status and a detail a person can
 * act on (it names the offending value). Thrown at the boundary; mapped by {@link ProblemMapper}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final int retryAfterSeconds;

    /**
     * @param status HTTP status (4xx for the caller's fault, 503 for "not ready")
     * @param slug   short problem type name, e.g. {@code invalid-request}
     * @param title  short summary, the same for every occurrence of the type
     * @param detail this occurrence, with the offending value
     */
    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, 0);
    }

    private ProblemException(int status, String slug, String title, String detail, int retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Service not ready", detail);
    }

    /**
     * 503 with {@code Retry-After}: the server refused the request to stay responsive, not because
     * anything is broken.
     */
    public static ProblemException overloaded(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "overloaded", "Server busy", detail, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
