package dev.rehearsal.workflows.archive;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The archive activities as archivers and keepers call them (workflow code). */
final class ArchiveStubs {
  private ArchiveStubs() {}

  /** Quick looks at runs: never wait, retried soon. */
  static ArchiveActivities looking() {
    return Workflow.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(1)).build())
        .build());
  }

  /**
   * Writing is retried until it succeeds: an audit record is not optional, and the write is idempotent. It heartbeats
   * while hashing evidence, so a dead worker's write moves on within seconds too.
   */
  static ArchiveActivities writing() {
    return Workflow.newActivityStub(ArchiveActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumInterval(Duration.ofMinutes(5)).build())
        .build());
  }
}
