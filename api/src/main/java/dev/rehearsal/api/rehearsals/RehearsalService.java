package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.problems.ApiException;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.workflows.rehearsal.ApprovalRefusals;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.ApprovalResult;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RefusedApproval;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starts runs and talks to them: state by query (or result, once closed), decisions by update, cancel by signal. */
@Service
public class RehearsalService {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String WORKFLOW_TYPE = "RehearsalWorkflow";
  private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,200}");
  private static final int MAX_TEXT = 4000;

  private final WorkflowClient client;
  private final RunIndex index;
  private final RefusalLog refusals;
  private final String taskQueue;
  private final MeterRegistry meters;
  private final Clock clock = Clock.systemUTC();

  public RehearsalService(WorkflowClient client, RunIndex index, RefusalLog refusals, RehearsalProperties properties, MeterRegistry meters) {
    this.client = client;
    this.index = index;
    this.refusals = refusals;
    this.taskQueue = properties.taskQueue();
    this.meters = meters;
  }

  public record Started(String id, RunStatus status, boolean created) {}

  /** Validates and starts; with an idempotency key, a repeat returns the run the first call started. */
  public Started start(RehearsalUser user, String body, String idempotencyKey) {
    StartRequest request = StartRequest.parse(body);
    Plan plan = PlanParser.bind(request.plan(), request.parameters());
    String id = idempotencyKey == null || idempotencyKey.isBlank() ? newId() : idempotentId(user, idempotencyKey);
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    try {
      WorkflowClient.start(run::run, new RehearsalInput(plan, request.releaseCandidate(), request.parameters(), user.name()));
    } catch (WorkflowExecutionAlreadyStarted repeat) {
      RehearsalState existing = state(id);
      // The first call may have died between starting the run and indexing it.
      index.started(new RunSummary(id, existing.plan(), existing.environment(), existing.releaseCandidate(),
          existing.initiator(), existing.startedAt(), null));
      return new Started(id, existing.status(), false);
    }
    index.started(new RunSummary(id, plan.name(), plan.environment(), request.releaseCandidate(), user.name(), clock.instant(), null));
    meters.counter("rehearsal.runs.started", "plan", plan.name()).increment();
    return new Started(id, RunStatus.RUNNING, true);
  }

  /** The run as it stands; a running step shows its live attempt count and last error. */
  public RehearsalState state(String id) {
    WorkflowExecutionDescription description = describe(id);
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      try {
        return LiveAttempts.apply(stub(id).state(), description);
      } catch (WorkflowQueryException | WorkflowServiceException noWorker) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "No worker answered",
            "the run is open but no worker answered its state query; is a Rehearsal worker running?", Map.of());
      }
    }
    RehearsalState end;
    try {
      end = client.newUntypedWorkflowStub(id).getResult(RehearsalState.class);
    } catch (WorkflowFailedException terminated) {
      // Terminated (or failed by a bug) from outside: no result, but the history still replays to the last state.
      end = stub(id).state().withStatus(RunStatus.FAILED);
    }
    index.closed(id, end.status());
    return end;
  }

  public RunPage list(RunFilter filter, int limit, String cursor) {
    return RunPaging.page(index.newestFirst(), this::currentStatus, filter, limit, cursor);
  }

  private RunStatus currentStatus(RunSummary run) {
    if (run.status() != null) {
      return run.status();
    }
    try {
      return state(run.id()).status();
    } catch (ApiException e) {
      // Unknown to this Temporal (e.g. the in-memory server restarted): leave it out; open but unreadable: running.
      return e.status() == HttpStatus.NOT_FOUND ? null : RunStatus.RUNNING;
    }
  }

  public ApprovalResult decide(RehearsalUser user, String id, ApprovalBody body) {
    Decision decision = parseDecision(body.decision());
    requireShort("comment", body.comment());
    Map<String, String> waivers = body.waivers() == null ? Map.of() : body.waivers();
    waivers.forEach((gate, reason) -> {
      if (reason == null || reason.isBlank()) {
        throw ApiException.badRequest("the waiver for gate '" + gate + "' needs a written reason");
      }
      requireShort("waivers." + gate, reason);
    });
    boolean open = describe(id).getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (!user.has(Role.APPROVER)) {
      refused(id, open, user, decision.name(), user.name() + " does not hold the APPROVER role");
      throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "signing off needs the APPROVER role", Map.of());
    }
    if (!open) {
      refused(id, false, user, decision.name(), "the run is closed");
      throw ApiException.conflict("the run is closed; it no longer takes decisions");
    }
    ApprovalRequest request = new ApprovalRequest(user.name(), user.roleNames(), decision, body.comment(),
        waivers, body.evidenceDigest());
    try {
      return stub(id).decide(request);
    } catch (WorkflowUpdateException e) {
      ApprovalRefusals.Refusal refusal = ApprovalRefusals.of(e)
          .orElseThrow(() -> new IllegalStateException("sign-off update failed unexpectedly", e));
      refused(id, true, user, decision.name(), refusal.message());
      throw new ApiException(refusalStatus(refusal.type()), "Decision refused", refusal.message(), Map.of("reason", refusal.type()));
    }
  }

  public RehearsalState cancel(RehearsalUser user, String id, String reason) {
    if (describe(id).getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw ApiException.conflict("the run is already closed");
    }
    requireShort("reason", reason);
    String why = reason == null || reason.isBlank() ? "no reason given" : reason;
    stub(id).cancel(new CancelRequest(user.name(), why));
    return state(id);
  }

  /** Makes sure {@code id} names a rehearsal; 404 otherwise. */
  public WorkflowExecutionDescription describe(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw ApiException.notFound("no rehearsal " + id.substring(0, Math.min(id.length(), 80)));
    }
    try {
      WorkflowExecutionDescription description = client.newUntypedWorkflowStub(id).describe();
      if (!WORKFLOW_TYPE.equals(description.getWorkflowType())) {
        throw ApiException.notFound("no rehearsal " + id);
      }
      return description;
    } catch (WorkflowNotFoundException e) {
      throw ApiException.notFound("no rehearsal " + id);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw ApiException.notFound("no rehearsal " + id);
      }
      throw e;
    }
  }

  private void refused(String id, boolean open, RehearsalUser user, String decision, String reason) {
    if (open) {
      stub(id).recordRefusedApproval(new RefusedApproval(user.name(), decision, reason));
    } else {
      refusals.append(new RefusalLog.Entry(id, user.name(), decision, reason, clock.instant()));
    }
    meters.counter("rehearsal.approvals.refused").increment();
  }

  private static HttpStatus refusalStatus(String type) {
    return switch (type) {
      case ApprovalRefusals.NOT_APPROVER, ApprovalRefusals.INITIATOR -> HttpStatus.FORBIDDEN;
      case ApprovalRefusals.INVALID_DECISION -> HttpStatus.BAD_REQUEST;
      default -> HttpStatus.CONFLICT;
    };
  }

  private static void requireShort(String field, String text) {
    if (text != null && text.length() > MAX_TEXT) {
      throw ApiException.badRequest(field + " is longer than " + MAX_TEXT + " characters");
    }
  }

  private static Decision parseDecision(String decision) {
    try {
      return Decision.valueOf(decision == null ? "" : decision.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("decision must be APPROVE or REJECT");
    }
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }

  private String newId() {
    return "rh-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
  }

  /** The same caller and key always name the same run, so a retried start cannot start a second one. */
  private static String idempotentId(RehearsalUser user, String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((user.name() + "\n" + key).getBytes(StandardCharsets.UTF_8));
      return "rh-k-" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
