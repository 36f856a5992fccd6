package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.workflows.notify.NotifyActivities;
import dev.rehearsal.workflows.notify.PersonWait;
import dev.rehearsal.workflows.notify.WebhookInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** Posts a run's news to the plan's webhooks that want it (workflow code: runs on the run's workflow thread). */
final class WebhookNotifier {
  private static final Logger log = Workflow.getLogger(WebhookNotifier.class);
  private static final ActivityOptions NOTIFY_OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(8)
          .build())
      .build();

  private final Plan plan;
  private final String releaseCandidate;

  WebhookNotifier(Plan plan, String releaseCandidate) {
    this.plan = plan;
    this.releaseCandidate = releaseCandidate;
  }

  /**
   * News of the end is waited for ({@code wait}), so it is delivered (with its retries) before the run closes; a
   * webhook that never answers is logged and changes nothing about the run.
   */
  void notify(NotifySpec.Event event, boolean wait, RunStatus status, List<StepState> steps, List<GateState> gates) {
    notify(event, wait, status, steps, gates, null);
  }

  /** @param waiting what the run waits for from a person, for a reminder or a wait's timeout; otherwise null */
  void notify(NotifySpec.Event event, boolean wait, RunStatus status, List<StepState> steps, List<GateState> gates,
      PersonWait waiting) {
    List<Promise<Void>> sent = new ArrayList<>();
    ReadinessVerdict readiness = Readiness.verdict(steps, gates);
    for (NotifySpec.Webhook hook : plan.notifications().webhooks()) {
      if (hook.events().contains(event)) {
        NotifyActivities webhooks = Workflow.newActivityStub(NotifyActivities.class, NOTIFY_OPTIONS);
        sent.add(Async.procedure(webhooks::post, new WebhookInput(hook.url(), event.name(), Workflow.getInfo().getWorkflowId(),
            plan.name(), plan.environment(), releaseCandidate, status.name(), readiness, text(event, status, readiness, waiting),
            waiting)));
      }
    }
    if (wait) {
      for (Promise<Void> delivery : sent) {
        try {
          delivery.get();
        } catch (ActivityFailure failure) {
          log.warn("a webhook was not told that the run {}: {}", event, FailureText.describe(failure));
        }
      }
    }
  }

  private String text(NotifySpec.Event event, RunStatus status, ReadinessVerdict readiness, PersonWait waiting) {
    String what = switch (event) {
      case awaitingApproval -> "is awaiting approval";
      case failed -> "failed";
      case ended -> "ended " + status;
      case reminder -> "still waits, after " + WaitText.of(waiting);
      case waitTimedOut -> "stopped waiting, timed out after " + WaitText.of(waiting);
    };
    String estimate = Readiness.estimate(readiness, plan.readiness());
    return "Rehearsal " + Workflow.getInfo().getWorkflowId() + " of " + plan.name() + " (" + plan.environment() + ") for "
        + releaseCandidate + " " + what + "; readiness " + readiness + (estimate == null ? "" : " (" + estimate + ")");
  }
}
