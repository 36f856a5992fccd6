package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the list shows for a run that never wrote its final status, from how Temporal ended it. */
class VisibilityItemStatusTest {

  @Test
  void aRunThatCompletedWithoutSayingHowIsNotShownAsFailed() {
    assertThat(VisibilityRunListing.summary(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)))
        .as("left to the index or the run's result, never guessed").isEmpty();
  }

  @Test
  void aRunEndedFromOutsideShowsHowItEnded() {
    assertThat(VisibilityRunListing.summary(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)))
        .get().extracting(RunSummary::status).isEqualTo(RunStatus.FAILED);
    assertThat(VisibilityRunListing.summary(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT)))
        .get().extracting(RunSummary::status).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(VisibilityRunListing.summary(run(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .get().extracting(RunSummary::status).isEqualTo(RunStatus.RUNNING);
  }

  private static WorkflowExecutionMetadata run(WorkflowExecutionStatus status) {
    WorkflowExecutionInfo.Builder info = WorkflowExecutionInfo.newBuilder()
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("rh-1"))
        .setType(WorkflowType.newBuilder().setName(RehearsalWorkflow.TYPE))
        .setStatus(status)
        .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
        .setSearchAttributes(SearchAttributesUtil.encodeTyped(RunSearchAttributes.atStart("p", "staging", "v1", "alice")));
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      info.setCloseTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()));
    }
    return new WorkflowExecutionMetadata(info.build(), DefaultDataConverter.STANDARD_INSTANCE);
  }
}
