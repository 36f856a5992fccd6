package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.UntilSpec;
import dev.rehearsal.workflows.steps.StepFailureDetails;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a step with {@code until}: its check again and again, inside one activity, until it holds or the wait's
 * deadline passes. The wait is durable: every heartbeat carries {@link PollState} (polls so far, when the first one
 * started, the last reason), and a new attempt (after a worker died) resumes from it instead of starting over. Only an
 * expectation that does not hold yet is waited on; a request that cannot be made, a command that timed out or a
 * refused query fails the attempt as it would without {@code until}, and the step's retry policy decides.
 */
public final class UntilPoller {
  /** Failures that mean "not yet": the step ran, and what it saw did not meet the expectations. */
  private static final Set<String> NOT_YET =
      Set.of(StepFailureType.ASSERTION_FAILED.type(), StepFailureType.COMMAND_FAILED.type());
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** The wait so far, as heartbeat details: what a new attempt resumes from. */
  public record PollState(int polls, long firstPollEpochMillis, String lastReason) {}

  private UntilPoller() {}

  /**
   * {@code check} once when there is no {@code until}; otherwise until it holds or the wait is over. Each reason is
   * masked with {@code secrets} before it is heartbeated: heartbeat details are kept by Temporal and shown as the
   * step's live summary.
   */
  public static StepResult run(ActivityExecutionContext context, UntilSpec until, SecretScope secrets,
      Function<ActivityExecutionContext, StepResult> check) {
    if (until == null) {
      return check.apply(context);
    }
    AtomicReference<PollState> state = new AtomicReference<>(context.getHeartbeatDetails(PollState.class)
        .orElseGet(() -> new PollState(0, System.currentTimeMillis(), null)));
    long deadline = state.get().firstPollEpochMillis() + until.timeoutDuration().toMillis();
    // The check's own heartbeats (while a request or process runs) carry the wait's state too.
    ActivityExecutionContext heartbeatingState = withHeartbeat(context, state::get);
    while (true) {
      PollState polling = state.updateAndGet(s -> new PollState(s.polls() + 1, s.firstPollEpochMillis(), s.lastReason()));
      try {
        StepResult result = check.apply(heartbeatingState);
        return new StepResult(result.summary() + " (held at poll " + polling.polls() + " after "
            + seconds(System.currentTimeMillis() - polling.firstPollEpochMillis()) + ")", result.evidence(), result.attempt());
      } catch (ApplicationFailure failure) {
        if (!NOT_YET.contains(failure.getType())) {
          throw failure;
        }
        PollState failed = new PollState(polling.polls(), polling.firstPollEpochMillis(),
            secrets.mask(failure.getOriginalMessage()));
        state.set(failed);
        context.heartbeat(failed);
        long next = System.currentTimeMillis() + until.everyDuration().toMillis();
        if (next > deadline) {
          throw gaveUp(failure, failed, until);
        }
        sleepUntil(context, next, failed);
      }
    }
  }

  /** The last poll's failure, final: its reason, and how long and how often the condition was checked. */
  private static ApplicationFailure gaveUp(ApplicationFailure last, PollState state, UntilSpec until) {
    String message = state.lastReason() + " (still not so after " + state.polls() + (state.polls() == 1 ? " poll" : " polls")
        + " in " + seconds(System.currentTimeMillis() - state.firstPollEpochMillis()) + ", until timeout " + until.timeout() + ")";
    StepFailureDetails details = last.getDetails().getSize() == 0 ? new StepFailureDetails(1, List.of())
        : last.getDetails().get(StepFailureDetails.class);
    return ApplicationFailure.newNonRetryableFailure(message, last.getType(), details);
  }

  private static void sleepUntil(ActivityExecutionContext context, long wakeAt, PollState state) {
    try {
      for (long left = wakeAt - System.currentTimeMillis(); left > 0; left = wakeAt - System.currentTimeMillis()) {
        Thread.sleep(Math.min(left, HEARTBEAT.toMillis()));
        context.heartbeat(state);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("worker interrupted", e);
    }
  }

  /** {@code context} whose heartbeats carry {@code details} whatever the caller passes. */
  private static ActivityExecutionContext withHeartbeat(ActivityExecutionContext context, Supplier<PollState> details) {
    return (ActivityExecutionContext) Proxy.newProxyInstance(ActivityExecutionContext.class.getClassLoader(),
        new Class<?>[] {ActivityExecutionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("heartbeat")) {
            context.heartbeat(details.get());
            return null;
          }
          try {
            return method.invoke(context, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
