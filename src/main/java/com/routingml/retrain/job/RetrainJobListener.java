package com.routingml.retrain.job;

import com.routingml.access.RoutingValidity;
import com.routingml.retrain.ComparisonReport;
import com.routingml.retrain.Degradation;
import com.routingml.retrain.RetrainConfig;
import com.routingml.retrain.RetrainLauncher;
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
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    @Inject
    JobContext job;

    @Inject
    RunStore runs;

    @Inject
    RetrainConfig config;

    @Inject
    WebhookNotifier notifier;

    @Inject
    RetrainLauncher launcher;

    private Instant started;

    @Override
    public void beforeJob() {
        started = Instant.now();
        long instance = job.getInstanceId();
        long execution = job.getExecutionId();
        RunState s = runs.find(instance).filter(x -> x.firstExecutionId <= execution).orElse(null);
        if (s == null) {
            Properties p = new Properties();
            Properties params = BatchRuntime.getJobOperator().getParameters(execution);
            if (params != null) {
                p.putAll(params);
            }
            s = new RunState();
            s.instanceId = instance;
            s.firstExecutionId = execution;
            s.trigger = p.getProperty("trigger", "unknown");
            s.startedAt = started;
            String month = p.getProperty("month");
            s.month = month == null || month.isBlank() ? YearMonth.now(config.zone()).format(MONTH) : month.trim();
            s.settings = config.resolve(p);
            s.validOn = RoutingValidity.today().day().toString();
            if (p.getProperty("accessFile") != null && !launcher.consumeApproval(p.getProperty(RetrainLauncher.APPROVAL))) {
                // submitted over /ibm/api/batch, not through POST /api/retrain: extract refuses to start
                s.refusal = "job parameter accessFile (" + s.settings.accessFile() + ") is accepted only from POST /api/retrain,"
                        + " which needs the admin role; this run was submitted otherwise";
            }
            s.source = s.settings.accessFile();
            s.datasetDir = new DatasetLayout(java.nio.file.Path.of(s.settings.datasetRoot()), s.month).dir().toString();
            LOG.info("retraining job instance " + instance + " (execution " + execution + ", trigger " + s.trigger + "): month "
                    + s.month + ", routings in force on " + s.validOn + ", dataset " + s.datasetDir + ", settings "
                    + s.settings);
        } else {
            LOG.info("retraining job instance " + instance + " restarted (execution " + execution + "): continuing month " + s.month);
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
            LOG.log(Level.SEVERE, "retraining job instance " + instance + ": no run state at the end: " + e.getMessage(), e);
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
        Duration took = Duration.between(started == null ? Instant.now() : started, Instant.now());
        Notice notice;
        if (failure != null) {
            job.setExitStatus(abbreviate("FAILED in " + failedStep + ": " + failure));
            notice = Notice.failure("Routing ML retraining FAILED", facts(s, took, failedStep, failure));
            LOG.severe("retraining job instance " + instance + " failed in step " + failedStep + ": " + failure);
        } else {
            String verdict = s.comparison == null ? "not compared" : s.comparison.blessed() ? "blessed" : "not blessed";
            job.setExitStatus(s.promoted ? "PROMOTED " + s.candidateVersion : "NOT_PROMOTED " + s.candidateVersion);
            notice = Notice.success("Routing ML retraining " + (s.promoted ? "promoted " + s.candidateVersion : "finished: candidate not promoted"),
                    facts(s, took, null, null));
            LOG.info("retraining job instance " + instance + " completed: candidate " + s.candidateVersion + " " + verdict
                    + (s.promoted ? ", promoted" : ", not promoted") + " in " + took.toSeconds() + " s");
        }
        notifier.send(notice);
    }

    private static Map<String, String> facts(RunState s, Duration took, String failedStep, String failure) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("job instance", Long.toString(s.instanceId));
        f.put("trigger", String.valueOf(s.trigger));
        if (failure != null) {
            f.put("step", String.valueOf(failedStep));
            f.put("reason", failure);
        }
        f.put("dataset", s.month == null ? "-" : s.month + " (" + s.datasetRows + " rows)");
        if (s.settings != null && s.settings.degrade() != Degradation.NONE) {
            f.put("drill", "degrade=" + s.settings.degrade().parameter() + " (training data deliberately corrupted)");
        }
        if (s.candidateVersion != null) {
            f.put("candidate", s.candidateVersion);
        }
        if (s.comparison != null) {
            ComparisonReport c = s.comparison;
            f.put("verdict", (c.blessed() ? "blessed" : "not blessed") + ": " + c.reason());
            f.put("top-1 accuracy", pct(c.candidate().top1Accuracy()) + (c.active() == null ? "" : " (active " + pct(c.active().top1Accuracy()) + ")"));
            f.put("top-3 hit rate", pct(c.candidate().top3HitRate()) + (c.active() == null ? "" : " (active " + pct(c.active().top3HitRate()) + ")"));
        }
        f.put("promoted", Boolean.toString(s.promoted));
        f.put("active before", String.valueOf(s.activeVersionBefore));
        f.put("duration", took.toSeconds() + " s");
        return f;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
