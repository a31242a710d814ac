package com.routingml.retrain.rest;

import com.routingml.retrain.BatchIdentity;
import com.routingml.retrain.JobParameters;
import com.routingml.retrain.ComparisonReport;
import com.routingml.retrain.Reports;
import com.routingml.retrain.RetrainSettings;
import com.routingml.retrain.RetrainLauncher;
import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import com.routingml.api.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /api/retrain}: start a retraining run (admin), list recent executions, read comparison
 * reports. Restarting a failed run is the batch REST API's job ({@code /ibm/api/batch}).
 */
@Path("/retrain")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RetrainResource {

    @Inject
    RetrainLauncher launcher;

    @Inject
    RunStore runs;

    @Inject
    Reports reports;

    @Inject
    RetrainSettings config;

    /** Reads job status for any caller: the batch runtime shows it to batch roles only. */
    @Inject
    BatchIdentity identity;

    @Context
    SecurityContext security;

    /** A started run. */
    public record StartedView(long executionId, long instanceId, String trigger) {
    }

    /**
     * Starts a run. The optional body is an object of job parameters among
     * {@link JobParameters#NAMES}, each a string, a number or a boolean. Every parameter is checked
     * before the job is submitted: a bad one answers 400 naming it, and nothing starts.
     */
    @POST
    @RolesAllowed("admin")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response start(String text) {
        Properties p = new Properties();
        JsonObject body = parse(text);
        if (body != null) {
            for (Map.Entry<String, JsonValue> e : body.entrySet()) {
                p.setProperty(e.getKey(), scalar(e.getKey(), e.getValue()));
            }
        }
        try {
            config.check(p, false); // a bad value answers 400 here, not as a failed job
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        String user = security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
        try {
            RetrainLauncher.Started s = launcher.start("api:" + user, p);
            return Response.accepted(new StartedView(s.executionId(), s.instanceId(), s.trigger())).build();
        } catch (RetrainLauncher.AlreadyRunning e) {
            throw new ProblemException(409, "retrain-running", "Retraining already running", e.getMessage());
        }
    }

    /** A parameter's text: strings as they are, numbers as written, booleans as true/false; nothing else. */
    private static String scalar(String name, JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER, TRUE, FALSE -> v.toString();
            case NULL -> throw ProblemException.badRequest("job parameter " + JobParameters.shown(name)
                    + " is null; leave it out to use the configured default");
            default -> throw ProblemException.badRequest("job parameter " + JobParameters.shown(name)
                    + " must be a string, a number or true/false, was a JSON "
                    + v.getValueType().name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    private static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return r.readObject();
        } catch (jakarta.json.JsonException e) {
            throw ProblemException.badRequest("the body must be a JSON object of job parameters: " + e.getMessage());
        }
    }

    /** One step of an execution. */
    public record StepView(String step, String status, String exitStatus, Instant start, Instant end,
                           Map<String, Long> metrics) {
    }

    /** One execution with the run it belongs to. */
    public record ExecutionView(long executionId, long instanceId, String status, String exitStatus, String currentStep,
                                Instant created, Instant start, Instant end, List<StepView> steps, RunState run) {
    }

    /** Recent executions, newest first. */
    @GET
    @Path("/executions")
    public List<ExecutionView> executions(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) {
            throw ProblemException.badRequest("limit must be an integer from 1 to 200, was " + limit);
        }
        return identity.call(() -> recent(limit));
    }

    private List<ExecutionView> recent(int limit) {
        JobOperator op = BatchRuntime.getJobOperator();
        List<ExecutionView> out = new ArrayList<>();
        if (!RetrainLauncher.hasRuns(op)) {
            return out;
        }
        for (JobInstance i : op.getJobInstances(RetrainLauncher.JOB, 0, limit)) {
            for (JobExecution e : op.getJobExecutions(i)) {
                out.add(view(op, i.getInstanceId(), e));
            }
        }
        out.sort((a, b) -> Long.compare(b.executionId(), a.executionId()));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    @GET
    @Path("/executions/{id}")
    public ExecutionView execution(@PathParam("id") long id) {
        return identity.call(() -> find(id));
    }

    private ExecutionView find(long id) {
        JobOperator op = BatchRuntime.getJobOperator();
        try {
            JobExecution e = op.getJobExecution(id);
            if (!RetrainLauncher.JOB.equals(e.getJobName())) {
                throw ProblemException.notFound("execution " + id + " is not a retraining execution");
            }
            return view(op, op.getJobInstance(id).getInstanceId(), e);
        } catch (jakarta.batch.operations.NoSuchJobExecutionException ex) {
            throw ProblemException.notFound("no retraining execution " + id);
        }
    }

    /** The comparison report stored with a candidate version. */
    @GET
    @Path("/reports/{version}")
    public ComparisonReport report(@PathParam("version") String version) throws IOException {
        return reports.find(version).orElseThrow(
                () -> ProblemException.notFound("no comparison report for model version '" + version + "'"));
    }

    private ExecutionView view(JobOperator op, long instanceId, JobExecution e) {
        List<StepView> steps = new ArrayList<>();
        String current = null;
        for (StepExecution s : op.getStepExecutions(e.getExecutionId())) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (Metric x : s.getMetrics()) {
                if (x.getValue() != 0) {
                    m.put(x.getType().name(), x.getValue());
                }
            }
            steps.add(new StepView(s.getStepName(), String.valueOf(s.getBatchStatus()), s.getExitStatus(),
                    instant(s.getStartTime()), instant(s.getEndTime()), m));
            current = s.getStepName();
        }
        return new ExecutionView(e.getExecutionId(), instanceId, String.valueOf(e.getBatchStatus()), e.getExitStatus(),
                current, instant(e.getCreateTime()), instant(e.getStartTime()), instant(e.getEndTime()), steps,
                runs.find(instanceId).orElse(null));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
