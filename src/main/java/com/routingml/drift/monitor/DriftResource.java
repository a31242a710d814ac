package com.routingml.drift.monitor;

import com.routingml.drift.DriftDetector;
import com.routingml.drift.DriftEvent;
import com.routingml.drift.RetrainRule;
import com.routingml.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/drift}: status, summary, reset. Field names keep the v4 API's snake_case contract.
 * KL is {@code D_KL(P‖Q)} with P the live window and Q the training baseline, in nats. With several
 * servers, status and reset are about the answering server's own window ({@code server}), and the
 * summary covers the events of every server sharing the database, each naming its server.
 */
@Path("/drift")
@Tag(name = "drift")
@APIResponse(responseCode = "503", description = "No model loaded yet",
        content = @Content(mediaType = "application/problem+json",
                schema = @Schema(ref = "#/components/schemas/Problem")))
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    @Inject
    DriftMonitor monitor;

    /**
     * The v4 API's status fields plus PSI, KS, tier, thresholds, the baseline version, why
     * retraining is recommended, and how much of the window a crash would lose. Tier is
     * {@code UNJUDGED} (and nothing is detected or recommended by the window) until the window
     * holds {@code min_scores} scores.
     */
    public record StatusView(boolean drift_detected, double kl_divergence, String kl_direction, double threshold,
                             double fixed_threshold, Double calibrated_threshold, String threshold_mode,
                             boolean judged, int min_scores, int buffer_size, double buffer_mean, double buffer_std,
                             boolean should_retrain, String retrain_reason, double psi, double ks_statistic,
                             double ks_p_value, String tier, String baseline_model_version,
                             String last_retrain_trigger, String window_saved_at, long window_unsaved_scores,
                             String server) {
    }

    /**
     * An event; {@code server} names the server whose window it describes (null: recorded before
     * servers were told apart).
     */
    public record EventView(String time, String kind, double kl_divergence, double psi, double ks_statistic,
                            double ks_p_value, double window_mean, double window_std, int window_size,
                            String model_version, String tier, String server) {
        static EventView of(DriftEvent e, String server) {
            return new EventView(e.time().toString(), e.kind().name(), e.kl(), e.psi(), e.ksStatistic(), e.ksPValue(),
                    e.windowMean(), e.windowStd(), e.windowSize(), e.modelVersion(), e.tier().name(), server);
        }
    }

    public record SummaryView(int period_days, int drift_count, double max_kl_divergence, double avg_kl_divergence,
                              boolean should_retrain, String retrain_reason, List<EventView> events) {
    }

    @GET
    @Path("/status")
    @Operation(summary = "Current drift state of the live window against the active model's baseline")
    @APIResponse(responseCode = "200", description = "Drift state",
            content = @Content(schema = @Schema(implementation = StatusView.class)))
    public StatusView status() {
        DriftDetector.Status s = monitor.status()
                .orElseThrow(() -> ProblemException.unavailable("no model is loaded yet"));
        return new StatusView(s.driftDetected(), s.kl(), "D_KL(live window || training baseline), nats", s.threshold(),
                s.fixedThreshold(), s.calibratedThreshold().isPresent() ? s.calibratedThreshold().getAsDouble() : null,
                s.thresholdMode().name(), s.judged(), s.minScores(), s.bufferSize(), s.bufferMean(), s.bufferStd(),
                s.shouldRetrain(), s.retrainReason(), s.psi(), s.ksStatistic(), s.ksPValue(), s.tier().name(),
                s.baselineModelVersion(), text(monitor.lastRetrainTrigger()), text(monitor.windowSavedAt()),
                monitor.unsavedScores(), monitor.server());
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    /** One point of the KL history. */
    public record PointView(String time, double kl_divergence, int window_size) {
    }

    /**
     * KL over time since the server started (in memory: a restart begins a new history).
     *
     * @param window_capacity how many scores the live window holds when full
     */
    public record HistoryView(int window_capacity, List<PointView> points) {
    }

    @Inject
    DriftSettings settings;

    @GET
    @Path("/history")
    @Operation(summary = "KL divergence of the live window over time since this server started",
            description = "At most 512 points spread evenly over the period (pairs merge into the larger KL as it "
                    + "grows), plus one point per drift event, reset and baseline switch. Kept in memory: a restart "
                    + "starts a new history; the events of /api/drift/summary are persisted.")
    @APIResponse(responseCode = "200", description = "KL history",
            content = @Content(schema = @Schema(implementation = HistoryView.class)))
    public HistoryView history() {
        return new HistoryView(settings.config().windowSize(), monitor.klHistory().stream()
                .map(p -> new PointView(p.time().toString(), p.kl(), p.windowSize())).toList());
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Drift events of the last days and the retraining recommendation")
    @APIResponse(responseCode = "200", description = "Summary",
            content = @Content(schema = @Schema(implementation = SummaryView.class)))
    @APIResponse(responseCode = "400", description = "days is not an integer from 1 to 365",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public SummaryView summary(@Parameter(description = "period in days, 1-365", example = "7",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "365", defaultValue = "7"))
            @QueryParam("days") String days) throws SQLException {
        int d = parseDays(days);
        DriftMonitor.Summary summary = monitor.summary(d);
        RetrainRule.Summary s = summary.rule();
        return new SummaryView(s.periodDays(), s.driftCount(), s.maxKl(), s.avgKl(), s.shouldRetrain(),
                s.retrainReason(), summary.events().stream().map(r -> EventView.of(r.event(), r.server())).toList());
    }

    /** Admin only: clears the live window; history is kept and the reset is recorded as an event. */
    @POST
    @Path("/reset")
    @RolesAllowed("admin")
    @Operation(summary = "Clear the live window (admin); history is kept and the reset is recorded as an event")
    @SecurityRequirement(name = "basicAuth")
    @APIResponse(responseCode = "200", description = "Reset done")
    @APIResponse(responseCode = "401", description = "No or wrong credentials",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "403", description = "Not an admin",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    public Map<String, Object> reset() throws SQLException {
        DriftEvent e;
        try {
            e = monitor.reset();
        } catch (IllegalStateException ex) {
            throw ProblemException.unavailable(ex.getMessage());
        }
        return Map.of("message", "Drift detector buffer reset successfully", "event",
                EventView.of(e, monitor.server()));
    }

    static int parseDays(String days) {
        if (days == null || days.isBlank()) {
            return 7;
        }
        try {
            int d = Integer.parseInt(days.trim());
            if (d >= 1 && d <= 365) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.badRequest("days must be an integer from 1 to 365, was \"" + days + "\"");
    }
}
