package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchivedRun;
import dev.rehearsal.activities.archive.FinalState;
import dev.rehearsal.api.inbox.OpenWait;
import dev.rehearsal.api.plans.ServerPlanChecks;
import dev.rehearsal.api.errors.ArchiveDamaged;
import dev.rehearsal.api.errors.NoWorkerAnswered;
import dev.rehearsal.api.errors.NotAStarter;
import dev.rehearsal.api.errors.RunNotFound;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.workflows.archive.ArchiveKeepers;
import dev.rehearsal.workflows.rehearsal.RefusedApprovalRecord;
import dev.rehearsal.workflows.rehearsal.RefusedFailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;

/** Starts runs and reads them: state by query (or result, once closed), history; {@link RunDecisions} decides on them. */
@Service
public class RehearsalService {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private final WorkflowClient client;
  private final Archive archive;
  private final RunIndex index;
  private final CurrentRuns currentRuns;
  private final RefusalLog refusals;
  private final String taskQueue;
  private final List<NotifySpec.Webhook> globalWebhooks;
  private final MeterRegistry meters;
  private final ServerPlanChecks serverChecks;
  private final RunListing listing;
  private final ArchiveKeepers keepers;
  private final Clock clock = Clock.systemUTC();

  public RehearsalService(WorkflowClient client, Archive archive, RunIndex index, CurrentRuns currentRuns, RefusalLog refusals,
      RehearsalProperties properties, NotifyProperties notify, MeterRegistry meters, ServerPlanChecks serverChecks,
      RunListings listings, ArchiveProperties archiveProperties) {
    this.keepers = new ArchiveKeepers(client, properties.taskQueue(), archiveProperties.keepers());
    this.listing = listings.choose(this::live);
    this.currentRuns = currentRuns;
    this.globalWebhooks = notify.planWebhooks();
    this.client = client;
    this.archive = archive;
    this.index = index;
    this.refusals = refusals;
    this.taskQueue = properties.taskQueue();
    this.meters = meters;
    this.serverChecks = serverChecks;
  }

  public record Started(String id, RunStatus status, boolean created) {}

  /** Validates and starts; with an idempotency key, a repeat returns the run the first call started. */
  public Started start(RehearsalUser user, String body, String idempotencyKey) {
    StartRequest request = StartRequest.parse(body);
    Plan plan = PlanParser.bind(request.plan(), request.parameters()).withWebhooks(globalWebhooks);
    try {
      serverChecks.requireStarter(user, plan.environment());
    } catch (NotAStarter refused) {
      // No run to hold it: the refusal log keeps it for auditors (the export lists refused starts).
      refusals.append(RefusalLog.Entry.refusedStart(user.name(), plan.name(), plan.environment(), refused.getMessage(),
          clock.instant()));
      throw refused;
    }
    serverChecks.check(request.plan(), request.parameters(), user);
    boolean keyed = idempotencyKey != null && !idempotencyKey.isBlank();
    String id = keyed ? idempotentId(user, idempotencyKey) : newId();
    Optional<RehearsalState> earlier = keyed ? earlierRun(id) : Optional.empty();
    if (earlier.isPresent()) {
      // A repeat (of a run live, or closed and archived): the same run, if it asks for the same thing.
      IdempotentRepeat.require(idempotencyKey, earlier.get(), plan, request);
      return new Started(id, earlier.get().status(), false);
    }
    // Indexed before anything starts: a failure to index answers 5xx with nothing started, and a line whose run then
    // fails to start is never listed (Temporal does not know it).
    RunSummary indexed = RunSummary.started(id, plan.name(), plan.environment(), request.releaseCandidate(), user.name(), clock.instant());
    index.started(indexed);
    // Known as running before it starts: a list in the meantime must not wait to ask Temporal about it.
    currentRuns.started(indexed);
    RehearsalWorkflow run = client.newWorkflowStub(RehearsalWorkflow.class, listing.starting(indexed, WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE))
        .build());
    try {
      // Watched before it starts, so that no run can exist without a keeper; a failure here starts nothing. A
      // retried start registers it again, which is harmless.
      String keeper = keepers.register(id);
      WorkflowClient.start(run::run, listing.starting(new RehearsalInput(plan, request.releaseCandidate(), request.parameters(),
          user.name(), serverChecks.policyFor(plan.environment())).withArchiveKeeper(keeper)));
    } catch (WorkflowExecutionAlreadyStarted repeat) {
      // A concurrent repeat started it first.
      RehearsalState first = state(id);
      IdempotentRepeat.require(idempotencyKey, first, plan, request);
      return new Started(id, first.status(), false);
    } catch (RuntimeException notStarted) {
      currentRuns.notStarted(indexed);
      throw notStarted;
    }
    meters.counter("rehearsal.runs.started", "plan", plan.name()).increment();
    return new Started(id, RunStatus.RUNNING, true);
  }

  /**
   * The run as it stands; a running step shows its live attempt count and last error. A closed run is read from the
   * archive once it is there: it no longer changes, and Temporal may have forgotten it. A run that closes while it is
   * being read is read as closed. Refusals recorded outside the run (in the {@link RefusalLog}: after the close, or
   * beyond the run's cap) join its refused approvals or refused decisions on failed steps.
   */
  public RehearsalState state(String id) {
    Optional<ArchivedRun> archived = archive.find(id);
    if (archived.isPresent()) {
      RehearsalState end;
      try {
        end = archived.get().state();
      } catch (java.io.UncheckedIOException damaged) {
        throw new ArchiveDamaged(id, damaged);
      }
      return closed(end);
    }
    WorkflowExecutionDescription description = describe(id);
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      try {
        RehearsalState live = withLogged(LiveAttempts.apply(stub(id).state(), description));
        currentRuns.saw(live);
        return live;
      } catch (WorkflowQueryException | WorkflowServiceException noAnswer) {
        if (describe(id).getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          throw new NoWorkerAnswered(noAnswer);
        }
        // It closed while being asked: its result says how it ended.
      }
    }
    return closed(FinalState.of(client, id));
  }

  private RehearsalState closed(RehearsalState end) {
    index.closed(RunSummary.of(end));
    currentRuns.saw(end);
    return withLogged(end);
  }

  /** The state with the refusals the {@link RefusalLog} holds for it: after the run closed, or beyond the run's cap. */
  private RehearsalState withLogged(RehearsalState run) {
    List<RefusalLog.Entry> late = refusals.forRun(run.id());
    return run.withRefusedApprovalsFromLog(late.stream().filter(r -> r.step() == null)
        .map(r -> new RefusedApprovalRecord(r.actor(), r.decision(), r.reason(), r.at()))
        .toList())
        .withRefusedFailureDecisionsFromLog(late.stream().filter(r -> r.step() != null)
            .map(r -> new RefusedFailureDecisionRecord(r.actor(), r.step(), r.decision(), r.reason(), r.at()))
            .toList());
  }

  /** The run's Temporal history, from the archive once it is there. */
  public WorkflowExecutionHistory history(String id) {
    Optional<ArchivedRun> archived = archive.find(id);
    if (archived.isPresent()) {
      return archived.get().history();
    }
    describe(id);
    return client.fetchHistory(id);
  }

  /** The raw history JSON; for an archived run, the archived bytes themselves. */
  public String historyJson(String id) {
    return archive.find(id).map(ArchivedRun::historyJson).orElseGet(() -> history(id).toJson(true));
  }

  public RunPage list(RunFilter filter, int limit, String cursor) {
    return listing.page(filter, limit, cursor);
  }

  /** What open runs wait for from people, from the list's current view (no query per open run). */
  public List<OpenWait> openWaits() {
    List<RunSummary> indexed = index.newestFirst();
    return currentRuns.waits(currentRuns.lookup(indexed, this::live));
  }

  /** Reads the run again so that lists and inboxes show a decision at once; a run that cannot answer now is left. */
  void refresh(String id) {
    try {
      state(id);
    } catch (RuntimeException unanswered) {
      // The background refresh catches up.
    }
  }

  /** Every matching run with its current state, newest first: what an export holds. */
  public List<RehearsalState> states(RunFilter filter) {
    List<RunSummary> indexed = index.newestFirst();
    return RunPaging.all(indexed, currentRuns.of(indexed, this::live)::get, filter).stream().map(run -> {
      try {
        return state(run.id());
      } catch (RuntimeException unreadable) {
        // Gone from Temporal unarchived, or a damaged archive (audit verify names it): not exportable.
        return null;
      }
    }).filter(state -> state != null && filter.matches(RunSummary.of(state))).toList();
  }

  /** Starts refused by the environment's starters that {@code filter} selects (it cannot select by status or approver). */
  public List<RefusalLog.Entry> refusedStarts(RunFilter filter) {
    return refusals.refusedStarts().stream().filter(filter::matchesRefusedStart).toList();
  }

  /** An open run's summary as it answers now; null when Temporal does not know it and the archive lacks it. */
  private RunSummary live(RunSummary run) {
    try {
      return RunSummary.of(state(run.id()));
    } catch (RunNotFound e) {
      // Unknown to this Temporal and not archived (never started, or the in-memory server restarted while it ran).
      return null;
    } catch (ArchiveDamaged | NoWorkerAnswered e) {
      return CurrentRuns.running(run);
    }
  }

  /** Whether the run still runs; {@link RunNotFound} when it is neither known to Temporal nor archived. */
  boolean isOpen(String id) {
    return archive.find(id).isEmpty() && describe(id).getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * Makes sure {@code id} names a rehearsal Temporal knows, else {@link RunNotFound}: the one place that reads
   * Temporal's answers (including a gRPC NOT_FOUND) as "no such run".
   */
  public WorkflowExecutionDescription describe(String id) {
    if (!RUN_ID.matcher(id).matches()) {
      throw new RunNotFound(id.substring(0, Math.min(id.length(), 80)));
    }
    try {
      WorkflowExecutionDescription description = client.newUntypedWorkflowStub(id).describe();
      if (!RehearsalWorkflow.TYPE.equals(description.getWorkflowType())) {
        throw new RunNotFound(id);
      }
      return description;
    } catch (WorkflowNotFoundException e) {
      throw new RunNotFound(id);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new RunNotFound(id);
      }
      throw e;
    }
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }

  private String newId() {
    return "rh-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
  }

  /** The run an idempotency key already names, if any. */
  private Optional<RehearsalState> earlierRun(String id) {
    try {
      return Optional.of(state(id));
    } catch (RunNotFound none) {
      return Optional.empty();
    }
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
