package dev.rehearsal.workflows.archive;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class ArchiveWorkflowImpl implements ArchiveWorkflow {
  private static final Logger log = Workflow.getLogger(ArchiveWorkflowImpl.class);
  /** The {@link Workflow#getVersion} change from an activity that waited for the close to the run's signal. */
  static final String CHANGE_ID = "archive-on-run-signal";

  // Archivers from before the change, waiting in awaitClose: one attempt looks, a retry looks again.
  private final ArchiveActivities waiting = Workflow.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofDays(1))
      .setHeartbeatTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build())
      .build());

  private final ArchiveActivities looking = ArchiveStubs.looking();
  private final ArchiveActivities writing = ArchiveStubs.writing();

  private RunEnded ended;

  @Override
  public ArchiveResult archive(ArchiveInput input) {
    RunClosure closure = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
        ? waiting.awaitClose(input)
        : awaitEnd(input);
    if (!closure.found()) {
      log.warn("run {} never started; nothing to archive", input.runId());
      return ArchiveResult.neverStarted(input.runId());
    }
    ArchiveResult result = writing.archive(input);
    log.info("run {} ({}) archived as #{} manifest {}", input.runId(), closure.closeStatus(), result.sequence(), result.manifestSha256());
    return result;
  }

  /** Waits for the run's word that it ended, looking at it now and then in case it never comes. */
  private RunClosure awaitEnd(ArchiveInput input) {
    long since = Workflow.currentTimeMillis();
    Duration pause = LookSchedule.FIRST_LOOK;
    while (!Workflow.await(pause, () -> ended != null)) {
      RunClosure look = looking.checkClosed(input);
      boolean neverStarted = !look.found() && Workflow.currentTimeMillis() - since >= LookSchedule.START_GRACE.toMillis();
      if ((look.found() && !look.stillOpen()) || neverStarted) {
        return look;
      }
      pause = LookSchedule.after(pause);
    }
    return new RunClosure(input.runId(), true, ended.status().name());
  }

  @Override
  public void runEnded(RunEnded end) {
    ended = end;
  }
}
