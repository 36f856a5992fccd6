package dev.rehearsal.workflows.rehearsal;

import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps a run's changing search attributes (status, readiness, deciders, end) current, for a list through Temporal's
 * visibility. Only runs whose input asks for it ({@link RehearsalInput#visibility()}, set by an API that lists that
 * way) upsert anything: runs on the in-memory server, which has no visibility, add no command, and histories recorded
 * before keep replaying. Each upsert carries only what changed since the last.
 */
final class RunVisibility {
  static final String CHANGE_ID = "visibility-attributes";
  private static final RunVisibility NONE = new RunVisibility(false);

  private final boolean shown;
  private String status = RunStatus.RUNNING.name();
  private String readiness = ReadinessVerdict.NOT_ASSESSED.name();
  private List<String> approvers = List.of();
  private Instant finishedAt;

  private RunVisibility(boolean shown) {
    this.shown = shown;
  }

  /** Called once at the run's start (where the version marker goes) when the input asks for it. */
  static RunVisibility of(RehearsalInput input) {
    if (!Boolean.TRUE.equals(input.visibility())) {
      return NONE;
    }
    return new RunVisibility(Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1);
  }

  /**
   * Upserts what changed in the run's state since the last call. The state is built only for a run that shows it:
   * building it hashes all the run's evidence ({@link EvidenceDigest}).
   */
  void show(Supplier<RehearsalState> current) {
    if (!shown) {
      return;
    }
    RehearsalState state = current.get();
    List<SearchAttributeUpdate<?>> changed = new ArrayList<>();
    if (state.status() != null && !state.status().name().equals(status)) {
      status = state.status().name();
      changed.add(SearchAttributeUpdate.valueSet(RunSearchAttributes.STATUS, status));
    }
    String nowReady = state.readiness() == null ? null : state.readiness().name();
    if (nowReady != null && !nowReady.equals(readiness)) {
      readiness = nowReady;
      changed.add(SearchAttributeUpdate.valueSet(RunSearchAttributes.READINESS, readiness));
    }
    List<String> deciders = state.approvals() == null ? List.of()
        : state.approvals().decisions().stream().map(ApprovalRecord::actor).distinct().toList();
    if (!deciders.equals(approvers)) {
      approvers = deciders;
      changed.add(SearchAttributeUpdate.valueSet(RunSearchAttributes.APPROVERS, approvers));
    }
    if (state.finishedAt() != null && !Objects.equals(state.finishedAt(), finishedAt)) {
      finishedAt = state.finishedAt();
      changed.add(SearchAttributeUpdate.valueSet(RunSearchAttributes.FINISHED_AT, finishedAt.atOffset(ZoneOffset.UTC)));
    }
    if (!changed.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(changed.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }
}
