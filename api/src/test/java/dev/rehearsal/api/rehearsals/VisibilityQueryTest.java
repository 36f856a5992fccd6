package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * A filter value, whatever characters it holds, stays one quoted value of its own term: the query the list sends
 * selects exactly the runs whose attribute equals it (read back by the tests' strict evaluator).
 */
class VisibilityQueryTest {

  @Test
  void quotesAndBackslashesInAValueStayInsideItsLiteral() {
    String plan = "it's \\' OR WorkflowType = 'x";
    String query = VisibilityQuery.of(new RunFilter(null, null, plan, null, null, null, null, null), "rehearsal");

    assertThat(VisibilityQueryEvaluator.parse(query).test(run(plan, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isTrue();
    assertThat(VisibilityQueryEvaluator.parse(query).test(run("it's", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isFalse();
  }

  @Test
  void anOpenStatusAlsoAsksForARunningExecution() {
    String query = VisibilityQuery.of(new RunFilter(RunStatus.RUNNING, null, null, null, null, null, null, null), "rehearsal");

    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING))).isTrue();
    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)))
        .as("a run terminated from outside, its status attribute still RUNNING").isFalse();
  }

  @Test
  void aFinalStatusAlsoFindsOpenStatusRunsTemporalEndedThatWay() {
    String failed = VisibilityQuery.of(new RunFilter(RunStatus.FAILED, null, null, null, null, null, null, null), "rehearsal");
    String timedOut = VisibilityQuery.of(new RunFilter(RunStatus.TIMED_OUT, null, null, null, null, null, null, null), "rehearsal");
    String cancelled = VisibilityQuery.of(new RunFilter(RunStatus.CANCELLED, null, null, null, null, null, null, null), "rehearsal");

    assertThat(VisibilityQueryEvaluator.parse(failed).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)))
        .as("terminated while its status attribute still said RUNNING: the run shows FAILED").isTrue();
    assertThat(VisibilityQueryEvaluator.parse(failed).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isFalse();
    assertThat(VisibilityQueryEvaluator.parse(timedOut).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT)))
        .isTrue();
    assertThat(VisibilityQueryEvaluator.parse(timedOut).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)))
        .isFalse();
    assertThat(VisibilityQueryEvaluator.parse(cancelled).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED)))
        .isTrue();
    assertThat(VisibilityQuery.of(new RunFilter(RunStatus.FAILED, null, "x", null, null, null, null, null), "rehearsal"))
        .as("the other filters still apply to both branches").startsWith("WorkflowType").contains(") AND RehearsalPlan = 'x'");
    assertThat(VisibilityQueryEvaluator.parse(VisibilityQuery.of(new RunFilter(RunStatus.FAILED, null, "x", null, null, null, null, null), "rehearsal"))
        .test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED))).isFalse();
  }

  @Test
  void theTestEvaluatorRefusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = 'a' OR"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("(RehearsalPlan = 'a' OR RehearsalPlan = 'b'"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = 'a' RehearsalPlan = 'b'"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan >= 'a'")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("Plan = 'a'")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = 'a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anotherDeploymentsRunsOnItsOwnTaskQueueAreNotListed() {
    String query = VisibilityQuery.of(new RunFilter(null, null, null, null, null, null, null, null), "rehearsal");

    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isTrue();
    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        "rehearsal-other"))).isFalse();
  }

  private static WorkflowExecutionMetadata run(String plan, WorkflowExecutionStatus status) {
    return run(plan, status, "rehearsal");
  }

  private static WorkflowExecutionMetadata run(String plan, WorkflowExecutionStatus status, String taskQueue) {
    WorkflowExecutionInfo info = WorkflowExecutionInfo.newBuilder()
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("rh-1"))
        .setType(WorkflowType.newBuilder().setName(RehearsalWorkflow.TYPE))
        .setStatus(status)
        .setTaskQueue(taskQueue)
        .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
        .setSearchAttributes(SearchAttributesUtil.encodeTyped(
            RunSearchAttributes.atStart(plan, "staging", "v1", "alice")))
        .build();
    return new WorkflowExecutionMetadata(info, DefaultDataConverter.STANDARD_INSTANCE);
  }
}
