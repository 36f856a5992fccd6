package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.Await;
import dev.rehearsal.testing.HistoryRecorder;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.worker.RehearsalWorker;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run started for a list through Temporal's visibility keeps its status, readiness, deciders and end in its search
 * attributes as it progresses; a run started without asking for it (local mode) adds no command to its history.
 */
class RunSearchAttributesTest {
  private static final String QUEUE = "visibility-test";

  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private RehearsalWorker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.stop();
    }
    if (env != null) {
      env.close();
    }
  }

  private WorkflowClient start() {
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<?> key : RunSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    WorkflowClient client = env.getWorkflowClient();
    worker = new RehearsalWorker(client, WorkerOptions.getDefaultInstance(), QUEUE, new EvidenceStore(dir));
    worker.start();
    return client;
  }

  @Test
  void aVisibleRunTellsItsStatusAsItProgresses(TestInfo test) throws Exception {
    WorkflowClient client = start();
    RehearsalWorkflow run = start(client, "rh-visible", true);

    Await.value(run::state, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off awaited");
    SearchAttributes waiting = Await.value(() -> attributes(client, "rh-visible"),
        a -> "AWAITING_APPROVAL".equals(a.get(RunSearchAttributes.STATUS)), "the status attribute at sign-off");
    assertThat(waiting.get(RunSearchAttributes.PLAN)).isEqualTo("visible");
    assertThat(waiting.get(RunSearchAttributes.ENVIRONMENT)).isEqualTo("staging");
    assertThat(waiting.get(RunSearchAttributes.RELEASE_CANDIDATE)).isEqualTo("v1");
    assertThat(waiting.get(RunSearchAttributes.INITIATOR)).isEqualTo("alice");
    assertThat(waiting.get(RunSearchAttributes.READINESS)).isEqualTo("NOT_ASSESSED");

    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    RehearsalState end = client.newUntypedWorkflowStub("rh-visible").getResult(RehearsalState.class);
    SearchAttributes closed = attributes(client, "rh-visible");
    assertThat(closed.get(RunSearchAttributes.STATUS)).isEqualTo("SUCCEEDED");
    assertThat(closed.get(RunSearchAttributes.APPROVERS)).containsExactly("bob");
    assertThat(closed.get(RunSearchAttributes.FINISHED_AT).toInstant()).isEqualTo(end.finishedAt());
    HistoryRecorder.recordIfAsked(client, run, test, "visibility-");
  }

  @Test
  void aRunNotAskedToShowItselfAddsNoCommand() {
    WorkflowClient client = start();
    RehearsalWorkflow run = start(client, "rh-local", false);
    Await.value(run::state, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off awaited");
    run.decide(new ApprovalRequest("bob", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    client.newUntypedWorkflowStub("rh-local").getResult(RehearsalState.class);

    assertThat(client.fetchHistory("rh-local").getEvents()).extracting(e -> e.getEventType())
        .doesNotContain(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  }

  private static RehearsalWorkflow start(WorkflowClient client, String id, boolean visible) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id);
    if (visible) {
      options.setTypedSearchAttributes(RunSearchAttributes.atStart("visible", "staging", "v1", "alice"));
    }
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class, options.build());
    RehearsalInput input = new RehearsalInput(Plans.parse("""
        apiVersion: rehearsal/v1
        name: visible
        environment: staging
        phases:
          smoke: [ { name: check, command: { run: [echo, checked] } } ]
          signoff: {}
        """), "v1", Map.of(), "alice");
    WorkflowClient.start(run::run, visible ? input.withVisibility() : input);
    return run;
  }

  private static SearchAttributes attributes(WorkflowClient client, String id) {
    return client.newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
  }
}
