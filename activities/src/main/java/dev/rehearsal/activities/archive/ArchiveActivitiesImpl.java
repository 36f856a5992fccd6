package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.MarkdownReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.workflows.archive.ArchiveActivities;
import dev.rehearsal.workflows.archive.ArchiveInput;
import dev.rehearsal.workflows.archive.ArchiveResult;
import dev.rehearsal.workflows.archive.RunClosure;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public class ArchiveActivitiesImpl implements ArchiveActivities {
  private static final Duration LONG_POLL = Duration.ofSeconds(3);
  // The archiver starts just before its run; a run still unknown after this never started.
  private static final Duration START_GRACE = Duration.ofMinutes(2);

  private final WorkflowClient client;
  private final EvidenceStore evidence;
  private final Archive archive;

  public ArchiveActivitiesImpl(WorkflowClient client, EvidenceStore evidence, Archive archive) {
    this.client = client;
    this.evidence = evidence;
    this.archive = archive;
  }

  @Override
  public RunClosure awaitClose(ArchiveInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    WorkflowStub run = client.newUntypedWorkflowStub(input.runId());
    Instant giveUp = Instant.now().plus(START_GRACE);
    while (true) {
      context.heartbeat(null);
      Optional<WorkflowExecutionStatus> status = status(run);
      if (status.isEmpty() && Instant.now().isAfter(giveUp)) {
        return new RunClosure(input.runId(), false, null);
      }
      if (status.isPresent() && status.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return new RunClosure(input.runId(), true, status.get().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
      }
      waitForClose(run, status.isPresent());
    }
  }

  private static Optional<WorkflowExecutionStatus> status(WorkflowStub run) {
    try {
      return Optional.of(run.describe().getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof io.grpc.StatusRuntimeException s && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Long-polls the run's result, so the archive follows the close at once rather than on the next poll. */
  private static void waitForClose(WorkflowStub run, boolean exists) {
    if (!exists) {
      pause();
      return;
    }
    try {
      run.getResult(LONG_POLL.toMillis(), TimeUnit.MILLISECONDS, RehearsalState.class);
    } catch (TimeoutException stillOpen) {
      // Heartbeat and poll again.
    } catch (WorkflowFailedException closedWithoutResult) {
      // Failed, terminated or timed out: the next describe says which.
    } catch (RuntimeException unavailable) {
      // The service hiccuped: do not hammer it; the next describe decides.
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for run to close", e);
    }
  }

  @Override
  public ArchiveResult archive(ArchiveInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    String id = input.runId();
    context.heartbeat(null);
    RehearsalState state = FinalState.of(client, id);
    context.heartbeat(null);
    String history = client.fetchHistory(id).toJson(true);
    context.heartbeat(null);
    RunReport report = RunReport.of(state);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(Archive.HISTORY, history.getBytes(StandardCharsets.UTF_8));
    files.put(Archive.STATE, ArchiveJson.pretty(state));
    files.put(Archive.REPORT_JSON, ArchiveJson.pretty(report));
    files.put(Archive.REPORT_MARKDOWN, MarkdownReport.render(report).getBytes(StandardCharsets.UTF_8));
    files.put(Archive.REPORT_HTML, HtmlReport.render(report, evidence.textReader(id)).getBytes(StandardCharsets.UTF_8));
    files.put(Archive.EVIDENCE_INDEX, ArchiveJson.pretty(EvidenceIndex.of(evidence, id, () -> context.heartbeat(null))));
    return archive.write(id, files);
  }
}
