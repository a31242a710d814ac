package com.routingml.retrain.job;

import com.routingml.access.RoutingValidity;
import com.routingml.events.RetrainCompleted;
import com.routingml.retrain.RetrainSettings;
import com.routingml.retrain.RetrainLauncher;
import com.routingml.retrain.RunFacts;
import com.routingml.retrain.RunState;
import com.routingml.retrain.RunStore;
import com.routingml.retrain.dataset.DatasetLayout;
import com.routingml.notify.Notice;
import com.routingml.notify.WebhookNotifier;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Job listener of {@code monthly-retrain}: fixes the run's settings and month when an instance
 * first starts (reused on restart), and sends the success or failure notice when any execution
 * ends - so a failure in any step is reported.
 */
@Named("retrainJobListener")
@Dependent
public class RetrainJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(RetrainJobListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    RunStore runs;

    @Inject
    RetrainSettings config;

    @Inject
    WebhookNotifier notifier;

    @Inject
    RetrainLauncher launcher;

    /** Metrics count every execution by outcome (routing_ml_retrain_runs_total) and time the completed ones. */
    @Inject
    Event<RetrainCompleted> completed;

    private Instant started;

    /**
     * Fixes the run at its first start, or checks a restart's parameters. A bad parameter (possible
     * only over the batch REST API: {@code POST /api/retrain} refuses it with 400) is recorded as
     * the run's refusal, never thrown: the check step then ends the execution before anything is
     * opened or written.
     */
    @Override
    public void beforeJob() {
        started = Instant.now();
        long instance = job.getInstanceId();
        long execution = job.getExecutionId();
        Properties p = new Properties();
        Properties params = BatchRuntime.getJobOperator().getParameters(execution);
        if (params != null) {
            p.putAll(params);
        }
        RunState s = runs.find(instance).filter(x -> x.firstExecutionId <= execution).orElse(null);
        if (s == null) {
            s = new RunState();
            s.instanceId = instance;
            s.firstExecutionId = execution;
            s.trigger = p.getProperty("trigger", "unknown");
            s.startedAt = started;
            if (p.getProperty("accessFile") != null
                    && !launcher.consumeApproval(p.getProperty(RetrainLauncher.APPROVAL))) {
                // submitted over /ibm/api/batch, not through POST /api/retrain: refused unread
                s.refusal = "job parameter accessFile is accepted only from POST /api/retrain, which needs the admin"
                        + " role; this run was submitted otherwise";
            } else {
                try {
                    RetrainSettings.Checked checked = config.check(p, true);
                    s.month = checked.month();
                    s.settings = checked.settings();
                    s.validOn = RoutingValidity.today().day().toString();
                    s.source = s.settings.accessFile();
                    s.datasetDir = new DatasetLayout(java.nio.file.Path.of(s.settings.datasetRoot()),
                            s.month).dir().toString();
                } catch (IllegalArgumentException e) {
                    s.refusal = e.getMessage();
                }
            }
            String what = s.refusal != null ? "refused: " + s.refusal
                    : "month " + s.month + ", routings in force on " + s.validOn + ", dataset " + s.datasetDir
                    + ", settings " + s.settings;
            LOG.info("retraining job instance " + instance + " (execution " + execution + ", trigger " + s.trigger
                    + "): " + what);
        } else {
            s.restartRefusal = null;
            try {
                // the run's settings stay (a restart's accessFile is ignored, so not read);
                // this execution's step tuning comes from these parameters
                Properties q = new Properties();
                q.putAll(p);
                q.remove("accessFile");
                config.check(q, true);
            } catch (IllegalArgumentException e) {
                s.restartRefusal = "restart refused: " + e.getMessage();
            }
            LOG.info("retraining job instance " + instance + " restarted (execution " + execution
                    + "): continuing month " + s.month
                    + (s.restartRefusal == null ? "" : "; " + s.restartRefusal));
            s.failedStep = null;
            s.failure = null;
            s.finishedAt = null;
        }
        runs.save(s);
    }

    @Override
    public void afterJob() {
        long instance = job.getInstanceId();
        RunState s;
        try {
            s = runs.update(instance, x -> x.finishedAt = Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "retraining job instance " + instance + ": no run state at the end: "
                    + e.getMessage(), e);
            s = new RunState();
            s.instanceId = instance;
            s.failure = "run state unavailable: " + e.getMessage();
        }
        String failedStep = s.failedStep;
        String failure = s.failure;
        if (failure == null) {
            // A step can fail without our code seeing the exception (the runtime's own errors).
            try {
                JobOperator op = BatchRuntime.getJobOperator();
                for (StepExecution se : op.getStepExecutions(job.getExecutionId())) {
                    if (se.getBatchStatus() == BatchStatus.FAILED) {
                        failedStep = se.getStepName();
                        failure = "step " + se.getStepName() + " failed (exit status " + se.getExitStatus() + ")";
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read step executions of " + job.getExecutionId(), e);
            }
        }
        if (failure == null && job.getBatchStatus() == BatchStatus.FAILED) {
            failure = "the job failed (exit status " + job.getExitStatus() + ")";
        }
        if (failure == null && (job.getBatchStatus() == BatchStatus.STOPPING
                || job.getBatchStatus() == BatchStatus.STOPPED)) {
            failure = "the job was stopped before it completed; restart it to continue";
        }
        Duration took = Duration.between(started == null ? Instant.now() : started, Instant.now());
        Notice notice;
        boolean refused = CheckBatchlet.REFUSED.equals(job.getExitStatus()) || (failure != null
                && "check".equals(failedStep));
        if (refused) {
            job.setExitStatus(abbreviate(CheckBatchlet.REFUSED + ": " + failure));
            notice = Notice.failure("Routing ML retraining REFUSED: nothing was started", RunFacts.of(s, took,
                    failedStep, failure));
            LOG.warning("retraining job instance " + instance + " refused: " + failure);
        } else if (failure != null) {
            job.setExitStatus(abbreviate("FAILED in " + failedStep + ": " + failure));
            notice = Notice.failure("Routing ML retraining FAILED", RunFacts.of(s, took, failedStep, failure));
            LOG.severe("retraining job instance " + instance + " failed in step " + failedStep + ": " + failure);
        } else {
            String verdict = s.comparison == null ? "not compared" : s.comparison.blessed() ? "blessed" : "not blessed";
            job.setExitStatus(s.promoted ? "PROMOTED " + s.candidateVersion : "NOT_PROMOTED " + s.candidateVersion);
            notice = Notice.success("Routing ML retraining "
                    + (s.promoted ? "promoted " + s.candidateVersion : "finished: candidate not promoted"),
                    RunFacts.of(s, took, null, null));
            LOG.info("retraining job instance " + instance + " completed: candidate " + s.candidateVersion + " "
                    + verdict + (s.promoted ? ", promoted" : ", not promoted") + " in " + took.toSeconds() + " s");
        }
        RetrainCompleted.Outcome outcome = failure != null || refused ? RetrainCompleted.Outcome.FAILED
                : s.promoted ? RetrainCompleted.Outcome.PROMOTED : RetrainCompleted.Outcome.KEPT;
        try {
            completed.fire(new RetrainCompleted(Instant.now(), took, outcome));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retraining job instance " + instance
                    + ": cannot record its outcome in the metrics", e);
        }
        notifier.send(notice);
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
