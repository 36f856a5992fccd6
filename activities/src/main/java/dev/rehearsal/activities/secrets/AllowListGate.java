package dev.rehearsal.activities.secrets;

import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's {@link SecretAllowList}, applied again inside the activity. The run's environment is read from the
 * input its workflow was started with (the first event of its history), not from anything the caller could set
 * apart from the plan, and remembered per run.
 */
public final class AllowListGate implements SecretGate {
  private static final int REMEMBERED_RUNS = 1000;

  private final WorkflowClient client;
  private final SecretAllowList allowList;
  private final Map<String, String> environments = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > REMEMBERED_RUNS;
    }
  });

  public AllowListGate(WorkflowClient client, SecretAllowList allowList) {
    this.client = client;
    this.allowList = allowList;
  }

  @Override
  public Optional<String> refusal(ActivityExecutionContext context, String reference) {
    if (allowList.restrictsNoEnvironment()) {
      return allowList.workerOwn(reference);
    }
    ActivityInfo info = context.getInfo();
    String environment = environments.computeIfAbsent(info.getRunId(), run -> environmentOf(info));
    return allowList.refusal(environment, reference);
  }

  @Override
  public List<Path> workerFiles() {
    return allowList.workerFiles();
  }

  private String environmentOf(ActivityInfo info) {
    GetWorkflowExecutionHistoryRequest request = GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace(info.getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(info.getWorkflowId()).setRunId(info.getRunId()))
        .setMaximumPageSize(1)
        .build();
    Payloads input = client.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(request)
        .getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput();
    RehearsalInput started = client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), RehearsalInput.class, RehearsalInput.class);
    return started.plan().environment();
  }
}
