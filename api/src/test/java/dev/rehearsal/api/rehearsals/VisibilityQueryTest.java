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
    String query = VisibilityQuery.of(new RunFilter(null, null, plan, null, null, null, null, null));

    assertThat(VisibilityQueryEvaluator.parse(query).test(run(plan, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isTrue();
    assertThat(VisibilityQueryEvaluator.parse(query).test(run("it's", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)))
        .isFalse();
  }

  @Test
  void anOpenStatusAlsoAsksForARunningExecution() {
    String query = VisibilityQuery.of(new RunFilter(RunStatus.RUNNING, null, null, null, null, null, null, null));

    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING))).isTrue();
    assertThat(VisibilityQueryEvaluator.parse(query).test(run("p", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED)))
        .as("a run terminated from outside, its status attribute still RUNNING").isFalse();
  }

  @Test
  void theTestEvaluatorRefusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = 'a' OR RehearsalPlan = 'b'"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan >= 'a'")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("Plan = 'a'")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VisibilityQueryEvaluator.parse("RehearsalPlan = 'a")).isInstanceOf(IllegalArgumentException.class);
  }

  private static WorkflowExecutionMetadata run(String plan, WorkflowExecutionStatus status) {
    WorkflowExecutionInfo info = WorkflowExecutionInfo.newBuilder()
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("rh-1"))
        .setType(WorkflowType.newBuilder().setName(RehearsalWorkflow.TYPE))
        .setStatus(status)
        .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
        .setSearchAttributes(SearchAttributesUtil.encodeTyped(
            RunSearchAttributes.atStart(plan, "staging", "v1", "alice")))
        .build();
    return new WorkflowExecutionMetadata(info, DefaultDataConverter.STANDARD_INSTANCE);
  }
}
