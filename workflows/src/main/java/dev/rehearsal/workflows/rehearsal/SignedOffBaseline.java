package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Plan;
import dev.rehearsal.workflows.load.BaselineInput;
import dev.rehearsal.workflows.load.LoadActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/** A signed-off run's figures become its plan's baseline. Workflow code; the activity and its options never change. */
final class SignedOffBaseline {
  private static final Logger log = Workflow.getLogger(SignedOffBaseline.class);
  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
      .build();

  private SignedOffBaseline() {}

  /** Failing to record the baseline must not undo the sign-off: it is logged. */
  static void record(Plan plan, Map<String, Double> figures) {
    try {
      Workflow.newActivityStub(LoadActivities.class, OPTIONS)
          .recordBaseline(new BaselineInput(plan.name(), plan.environment(), Workflow.getInfo().getWorkflowId(), figures));
    } catch (ActivityFailure failure) {
      log.warn("could not record the baseline: {}", FailureText.describe(failure));
    }
  }
}
