package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.notify.PersonWait;
import java.time.Duration;
import java.time.Instant;

/** What a run waits for from a person right now: its sign-off, or whatever its {@code waitingFor} says; else null. */
final class PersonWaits {
  static final String APPROVAL = "approval";
  static final String APPROVER_ROLE = "APPROVER";

  private PersonWaits() {}

  /** @param signoffSince when sign-off began to be awaited (null before) */
  static PersonWait current(RunStatus status, CancelRecord cancellation, Instant signoffSince, Duration signoffTimeout,
      WaitingFor waitingFor) {
    if (status == RunStatus.AWAITING_APPROVAL && cancellation == null && signoffSince != null) {
      return new PersonWait(APPROVAL, null, APPROVER_ROLE, signoffSince, signoffSince.plus(signoffTimeout), 0);
    }
    if (waitingFor != null && cancellation == null) {
      return new PersonWait(waitingFor.kind().wire(), waitingFor.step(), waitingFor.who(), waitingFor.since(),
          waitingFor.until(), 0);
    }
    return null;
  }

  /** The wait as told at {@code now}: how long it has waited by then. */
  static PersonWait at(PersonWait wait, Instant now) {
    return new PersonWait(wait.awaited(), wait.step(), wait.who(), wait.since(), wait.until(),
        Duration.between(wait.since(), now).toSeconds());
  }
}
