package dev.rehearsal.workflows.steps;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.RetrySpec;
import dev.rehearsal.plan.StepSpec;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Turns a step's timeout and retry policy (step override, then plan defaults, then built-in) into activity options. */
public final class StepActivityOptions {
  /** Beyond the step's own timeout, so the activity reports its own kill rather than Temporal timing it out. */
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final String DEFAULT_HEARTBEAT_TIMEOUT = "30s";

  private StepActivityOptions() {}

  public static ActivityOptions forStep(Plan plan, StepSpec step) {
    RetrySpec retry = (step.retry() == null ? RetrySpec.NONE : step.retry())
        .orElse(plan.defaults().retry())
        .orElse(RetrySpec.BUILT_IN);
    Duration initial = Durations.parse(retry.initialInterval());
    Duration maximum = Durations.parse(retry.maximumInterval());
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToClose(plan, step))
            // Wait for the activity to acknowledge cancellation, so a cancelled command's process is dead first.
            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setMaximumAttempts(retry.maxAttempts())
                    .setInitialInterval(initial)
                    .setBackoffCoefficient(retry.backoffCoefficient())
                    // A long initial interval with the built-in maximum would be refused by the server.
                    .setMaximumInterval(maximum.compareTo(initial) < 0 ? initial : maximum)
                    .setDoNotRetry(StepFailureType.nonRetryableTypes())
                    .build());
    String heartbeat = plan.defaults().heartbeatTimeout();
    options.setHeartbeatTimeout(Durations.parse(heartbeat == null ? DEFAULT_HEARTBEAT_TIMEOUT : heartbeat));
    return options.build();
  }

  /** One run of the step, or, when it waits for a condition, the whole wait plus the last check. */
  private static Duration startToClose(Plan plan, StepSpec step) {
    Duration once = stepTimeout(plan, step).plus(GRACE);
    return step.until() == null ? once : once.plus(step.until().timeoutDuration());
  }

  /** The step's own timeout; the plan's default timeout applies where the step sets none. */
  public static Duration stepTimeout(Plan plan, StepSpec step) {
    String own = step.body().timeout();
    if (own != null) {
      return Durations.parse(own);
    }
    if (plan.defaults().timeout() != null) {
      return Durations.parse(plan.defaults().timeout());
    }
    return Durations.parse(step.kind().defaultTimeout());
  }
}
