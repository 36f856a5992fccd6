package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.plan.Durations;
import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.plan.SignoffSpec;
import dev.rehearsal.workflows.notify.PersonWait;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reminds a run's webhooks every {@code signoff.remindEvery} while the run waits for a person, and tells them when such
 * a wait times out. Workflow code: the reminders run on their own workflow thread, on durable timers, watching what
 * the run waits for; a wait that ends (a decision, a completion, a cancel) stops its reminders at once. Runs whose
 * plan sets no {@code remindEvery}, and histories from before reminders, issue no timer and no notice.
 */
public final class PersonWaitReminders {
  /** The change id recorded in histories of runs that remind. */
  static final String CHANGE = "person-wait-reminders";
  /** The summary of every reminder timer in history. */
  public static final String TIMER_SUMMARY = "reminder";

  /** Sends one notice about a wait; the workflow supplies the run's status, steps and gates. */
  interface Notice {
    void send(NotifySpec.Event event, PersonWait wait, boolean deliverBeforeGoingOn);
  }

  private static final Duration MIN_TIMER = Duration.ofSeconds(1);

  private final Duration every;
  private final Supplier<PersonWait> current;
  private final Notice notice;

  private PersonWaitReminders(Duration every, Supplier<PersonWait> current, Notice notice) {
    this.every = every;
    this.current = current;
    this.notice = notice;
  }

  /** Starts reminding when the plan asks for it; null when it does not (or the history predates reminders). */
  static PersonWaitReminders startIfAsked(SignoffSpec signoff, Supplier<PersonWait> current, Notice notice) {
    if (signoff.remindEvery() == null
        || Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return null;
    }
    PersonWaitReminders reminders = new PersonWaitReminders(Durations.parse(signoff.remindEvery()), current, notice);
    Async.procedure(reminders::remind);
    return reminders;
  }

  /**
   * Sign-off's timeout ends the run, so its notice is delivered before the run closes (and not left to the reminder
   * thread, which would race the close).
   */
  void signoffTimedOut(PersonWait wait) {
    if (wait != null) {
      notice.send(NotifySpec.Event.waitTimedOut, PersonWaits.at(wait, now()), true);
    }
  }

  private void remind() {
    while (true) {
      Workflow.await(() -> current.get() != null);
      remindUntilEnded(current.get());
    }
  }

  /** Reminders fall every {@code every} from the wait's start, however late this thread noticed it. */
  private void remindUntilEnded(PersonWait wait) {
    for (long count = 1; ; count++) {
      Duration left = Duration.between(now(), wait.since().plus(every.multipliedBy(count)));
      boolean ended = !sleep(left.compareTo(MIN_TIMER) < 0 ? MIN_TIMER : left, () -> !wait.equals(current.get()));
      Instant now = now();
      boolean pastTimeout = wait.until() != null && !now.isBefore(wait.until());
      if (ended) {
        if (pastTimeout && !PersonWaits.APPROVAL.equals(wait.awaited())) {
          notice.send(NotifySpec.Event.waitTimedOut, PersonWaits.at(wait, now), false);
        }
        return;
      }
      if (!pastTimeout) {
        notice.send(NotifySpec.Event.reminder, PersonWaits.at(wait, now), false);
      }
    }
  }

  /**
   * Sleeps {@code duration} unless {@code woken} comes true first, then cancels the timer; true when it slept it out.
   * The timer carries the summary {@link #TIMER_SUMMARY}, so the timeline tells it from sign-off's own timer.
   */
  private static boolean sleep(Duration duration, Functions.Func<Boolean> woken) {
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(
        () -> timer.add(Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(TIMER_SUMMARY).build())));
    scope.run();
    Workflow.await(() -> timer.get(0).isCompleted() || woken.apply());
    if (timer.get(0).isCompleted()) {
      return true;
    }
    scope.cancel();
    return false;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
