package dev.rehearsal.api.rehearsals;

import com.google.protobuf.ByteString;
import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchivedRun;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RunSearchAttributes;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The list from Temporal's visibility: the filters become a visibility query ({@link VisibilityQuery}) and each
 * execution a list item from its search attributes, so no open run is asked anything. An archived run is shown as
 * the archive has it, as everywhere. Visibility forgets closed runs after the namespace's retention: those (archived)
 * follow the runs visibility still has (on the same page when it has room), from the index, newest first. The cursor is Temporal's page token
 * ({@code v.}) or, in that tail, the index's cursor ({@code t.}).
 */
final class VisibilityRunListing implements RunListing {
  private static final String VISIBLE = "v.";
  private static final String FORGOTTEN = "t.";

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final String taskQueue;
  private final DataConverter converter;
  private final Archive archive;
  private final RunIndex index;
  private final Function<String, RunSummary> result;
  private final Map<String, RunSummary> archived = new ConcurrentHashMap<>();
  private volatile Duration retention;

  /** @param result the summary of a completed run from its result (its final state), for runs that never told their end */
  VisibilityRunListing(WorkflowServiceStubs stubs, String namespace, String taskQueue, DataConverter converter,
      Archive archive, RunIndex index, Function<String, RunSummary> result) {
    this.stubs = stubs;
    this.taskQueue = taskQueue;
    this.result = result;
    this.namespace = namespace;
    this.converter = converter;
    this.archive = archive;
    this.index = index;
  }

  @Override
  public WorkflowOptions.Builder starting(RunSummary run, WorkflowOptions.Builder options) {
    return options.setTypedSearchAttributes(
        RunSearchAttributes.atStart(run.plan(), run.environment(), run.releaseCandidate(), run.initiator()));
  }

  @Override
  public RehearsalInput starting(RehearsalInput input) {
    return input.withVisibility();
  }

  @Override
  public RunPage page(RunFilter filter, int limit, String cursor) {
    RunPaging.checkLimit(limit);
    Set<String> archivedIds = archive.archivedIds();
    Instant forgottenBefore = forgottenBefore();
    if (cursor != null && cursor.startsWith(FORGOTTEN)) {
      return forgotten(filter, limit, cursor.substring(FORGOTTEN.length()), archivedIds, forgottenBefore);
    }
    ByteString token = token(cursor);
    String query = VisibilityQuery.of(filter, taskQueue);
    ListWorkflowExecutionsResponse answer = list(query, limit, token);
    List<RunSummary> items = new ArrayList<>();
    for (WorkflowExecutionInfo execution : answer.getExecutionsList()) {
      String id = execution.getExecution().getWorkflowId();
      RunSummary run = archivedIds.contains(id) ? archived(id).orElse(null) : null;
      if (run == null) {
        WorkflowExecutionMetadata metadata = new WorkflowExecutionMetadata(execution, converter);
        items.add(summary(metadata).orElseGet(() -> completedUntold(id)));
      } else if (!forgotten(run, forgottenBefore)) {
        items.add(run);
      }
    }
    ByteString next = answer.getNextPageToken();
    if (!next.isEmpty() && list(query, 1, next).getExecutionsCount() > 0) {
      return new RunPage(items, VISIBLE + Base64.getUrlEncoder().withoutPadding().encodeToString(next.toByteArray()));
    }
    // Visibility has no more: the runs it forgot fill the rest of the page.
    if (items.size() == limit) {
      boolean forgottenFollow = !forgotten(filter, 1, null, archivedIds, forgottenBefore).items().isEmpty();
      return new RunPage(items, forgottenFollow ? FORGOTTEN : null);
    }
    RunPage rest = forgotten(filter, limit - items.size(), null, archivedIds, forgottenBefore);
    items.addAll(rest.items());
    return new RunPage(items, rest.nextCursor());
  }

  /** Archived runs visibility no longer has, as the index orders them. */
  private RunPage forgotten(RunFilter filter, int limit, String cursor, Set<String> archivedIds, Instant before) {
    if (before == null) {
      return new RunPage(List.of(), null);
    }
    List<RunSummary> archivedRuns = index.newestFirst().stream().filter(run -> archivedIds.contains(run.id())).toList();
    RunPage page = RunPaging.page(archivedRuns,
        id -> archived(id).filter(run -> forgotten(run, before)).orElse(null), filter, limit, cursor);
    return new RunPage(page.items(), page.nextCursor() == null ? null : FORGOTTEN + page.nextCursor());
  }

  private static boolean forgotten(RunSummary archivedRun, Instant before) {
    return before != null && archivedRun.finishedAt() != null && archivedRun.finishedAt().isBefore(before);
  }

  /** Closed runs that ended before this are gone from visibility; null when the namespace keeps them (no retention). */
  private Instant forgottenBefore() {
    if (retention == null) {
      com.google.protobuf.Duration ttl = stubs.blockingStub()
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
          .getConfig().getWorkflowExecutionRetentionTtl();
      retention = Duration.ofSeconds(ttl.getSeconds(), ttl.getNanos());
    }
    return retention.isZero() ? null : Instant.now().minus(retention);
  }

  private ListWorkflowExecutionsResponse list(String query, int size, ByteString token) {
    try {
      return stubs.blockingStub().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
          .setNamespace(namespace).setQuery(query).setPageSize(size).setNextPageToken(token).build());
    } catch (StatusRuntimeException refused) {
      if (!token.isEmpty() && refused.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw new InvalidRequest("unknown cursor");
      }
      throw refused;
    }
  }

  private static ByteString token(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return ByteString.EMPTY;
    }
    if (!cursor.startsWith(VISIBLE)) {
      throw new InvalidRequest("malformed cursor");
    }
    try {
      return ByteString.copyFrom(Base64.getUrlDecoder().decode(cursor.substring(VISIBLE.length())));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("malformed cursor");
    }
  }

  /** The archive's summary (cached: archived runs no longer change); empty when the archive lacks it or is damaged. */
  private Optional<RunSummary> archived(String id) {
    RunSummary known = archived.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      Optional<RunSummary> found = archive.find(id).map(ArchivedRun::state).map(RunSummary::of);
      found.ifPresent(run -> archived.put(id, run));
      return found;
    } catch (RuntimeException damaged) {
      // Audit verify names the damage; meanwhile the run is shown as visibility has it.
      return Optional.empty();
    }
  }

  /**
   * A run that completed without writing its final status (started before the list came from visibility, or by a
   * worker that does not upsert): the index's closed line when it has one, else the run's result (its final state).
   */
  private RunSummary completedUntold(String id) {
    return index.newestFirst().stream().filter(run -> run.id().equals(id) && run.isFinal()).findFirst()
        .orElseGet(() -> result.apply(id));
  }

  /**
   * A list item from what the run wrote into its search attributes; empty when they cannot tell how it ended (it
   * completed but never wrote its final status).
   */
  static Optional<RunSummary> summary(WorkflowExecutionMetadata execution) {
    SearchAttributes attributes = execution.getTypedSearchAttributes();
    RunStatus status = status(execution.getStatus(), attributes.get(RunSearchAttributes.STATUS));
    if (status == null) {
      return Optional.empty();
    }
    OffsetDateTime finished = attributes.get(RunSearchAttributes.FINISHED_AT);
    String readiness = attributes.get(RunSearchAttributes.READINESS);
    List<String> approvers = attributes.get(RunSearchAttributes.APPROVERS);
    return Optional.of(new RunSummary(execution.getExecution().getWorkflowId(), attributes.get(RunSearchAttributes.PLAN),
        attributes.get(RunSearchAttributes.ENVIRONMENT), attributes.get(RunSearchAttributes.RELEASE_CANDIDATE),
        attributes.get(RunSearchAttributes.INITIATOR), execution.getStartTime(), status,
        finished != null ? finished.toInstant() : status.isFinal() ? execution.getCloseTime() : null,
        approvers == null ? List.of() : approvers, readiness == null ? null : ReadinessVerdict.valueOf(readiness)));
  }

  /**
   * The run's own word, unless Temporal ended it from outside (terminated, timed out) before it could say so; null
   * when it completed without saying how (its status is not Temporal's to tell).
   */
  private static RunStatus status(WorkflowExecutionStatus execution, String told) {
    RunStatus status = told == null ? RunStatus.RUNNING : RunStatus.valueOf(told);
    if (status.isFinal() || execution == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return status;
    }
    return OutsideEnds.status(execution);
  }
}
