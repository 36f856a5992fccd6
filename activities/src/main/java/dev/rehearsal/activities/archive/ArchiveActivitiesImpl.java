package dev.rehearsal.activities.archive;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.SecretOutputStore;
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
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ArchiveActivitiesImpl implements ArchiveActivities {
  private static final Logger log = LoggerFactory.getLogger(ArchiveActivitiesImpl.class);
  // The archiver starts just before its run; a run still unknown this long after the look was first asked for never
  // started (the archiver's own look measures the same grace in workflow time).
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
  public RunClosure checkClosed(ArchiveInput input) {
    Optional<WorkflowExecutionStatus> status = status(client.newUntypedWorkflowStub(input.runId()));
    return status.map(s -> new RunClosure(input.runId(), true, s.name().replace("WORKFLOW_EXECUTION_STATUS_", "")))
        .orElseGet(() -> new RunClosure(input.runId(), false, null));
  }

  /**
   * One run's unexpected failure (Temporal unreachable for a moment, say) answers "look again later" for that run
   * alone: failing the batch would retry it whole, and hold up every other run's archive behind the one.
   */
  @Override
  public List<RunClosure> checkClosedAll(List<ArchiveInput> inputs) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    boolean heartbeats = !context.getInfo().getHeartbeatTimeout().isZero();
    List<RunClosure> looks = new ArrayList<>();
    for (ArchiveInput input : inputs) {
      if (heartbeats) {
        context.heartbeat(looks.size());
      }
      try {
        looks.add(checkClosed(input));
      } catch (RuntimeException unexpected) {
        log.warn("could not look at run {}; looking again later: {}", input.runId(), unexpected.toString());
        looks.add(RunClosure.lookAgain(input.runId()));
      }
    }
    return looks;
  }

  @Override
  public RunClosure awaitClose(ArchiveInput input) {
    RunClosure look = checkClosed(input);
    Instant scheduled = Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    if (look.stillOpen() || (!look.found() && Instant.now().isBefore(scheduled.plus(START_GRACE)))) {
      throw ApplicationFailure.newFailure("run " + input.runId() + " has not closed yet; the retry looks again", "RunStillOpen");
    }
    return look;
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
    // Heartbeats while it waits for its turn: a timed-out attempt stops waiting instead of piling up beside its retry.
    ArchiveResult result = archive.write(id, files, () -> context.heartbeat(null));
    // The run is closed and kept: no step of it will read its secret outputs again.
    new SecretOutputStore(evidence.dataDir()).forget(id);
    return result;
  }
}
