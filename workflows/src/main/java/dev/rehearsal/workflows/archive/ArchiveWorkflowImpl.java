package dev.rehearsal.workflows.archive;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class ArchiveWorkflowImpl implements ArchiveWorkflow {
  private static final Logger log = Workflow.getLogger(ArchiveWorkflowImpl.class);

  // A run can await its approvers for days: one attempt waits up to a day and a retry resumes the wait, while the
  // heartbeat timeout moves the wait to another worker within seconds of this one dying.
  private final ArchiveActivities waiting = Workflow.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofDays(1))
      .setHeartbeatTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build())
      .build());

  // Writing is retried until it succeeds: an audit record is not optional, and the write is idempotent. It
  // heartbeats while hashing evidence, so a dead worker's write moves on within seconds too.
  private final ArchiveActivities writing = Workflow.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(30))
      .setHeartbeatTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(5)).build())
      .build());

  @Override
  public ArchiveResult archive(ArchiveInput input) {
    RunClosure closure = waiting.awaitClose(input);
    if (!closure.found()) {
      log.warn("run {} never started; nothing to archive", input.runId());
      return ArchiveResult.neverStarted(input.runId());
    }
    ArchiveResult result = writing.archive(input);
    log.info("run {} ({}) archived as #{} manifest {}", input.runId(), closure.closeStatus(), result.sequence(), result.manifestSha256());
    return result;
  }
}
