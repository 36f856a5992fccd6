package dev.rehearsal.api.errors;

/** The run is open but no worker answered its state query. */
public final class NoWorkerAnswered extends RehearsalException {
  public NoWorkerAnswered(Throwable cause) {
    super("the run is open but no worker answered its state query; is a Rehearsal worker running?");
    initCause(cause);
  }
}
