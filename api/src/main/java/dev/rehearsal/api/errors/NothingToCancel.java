package dev.rehearsal.api.errors;

import dev.rehearsal.workflows.rehearsal.RunStatus;

/** The run has already ended, even if its workflow is still open telling webhooks so. */
public final class NothingToCancel extends RehearsalException {
  public NothingToCancel(RunStatus end) {
    super("the run has already ended " + end + "; there is nothing to cancel");
  }
}
