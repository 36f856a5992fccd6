package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.errors.MissingRole;
import dev.rehearsal.api.errors.NothingToCancel;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.plan.LoneSurrogates;
import dev.rehearsal.workflows.rehearsal.ApprovalRefusals;
import dev.rehearsal.workflows.rehearsal.ApprovalRequest;
import dev.rehearsal.workflows.rehearsal.ApprovalResult;
import dev.rehearsal.workflows.rehearsal.CancelRequest;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What people decide about a run: sign-off by update, cancel by signal. A run can close between any two calls (another
 * approver's decision closes it), so each call that finds it closed is refused as closed, never as unknown, and a
 * refused decision is recorded wherever it still can be: in the run while it is open, otherwise in the
 * {@link RefusalLog}.
 */
@Service
public class RunDecisions {
  private static final int MAX_TEXT = 4000;
  private static final String CLOSED = "the run is closed";
  /** The form of a run's {@code evidenceDigest}; anything else could never match and would only pollute the record. */
  private static final Pattern EVIDENCE_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final WorkflowClient client;
  private final RehearsalService rehearsals;
  private final RefusalRecorder refusals;
  private final MeterRegistry meters;

  public RunDecisions(WorkflowClient client, RehearsalService rehearsals, RefusalRecorder refusals, MeterRegistry meters) {
    this.client = client;
    this.rehearsals = rehearsals;
    this.refusals = refusals;
    this.meters = meters;
  }

  public ApprovalResult decide(RehearsalUser user, String id, ApprovalBody body) {
    refusals.checkRate(user, id);
    Decision decision = parseDecision(body.decision());
    requireText("comment", body.comment());
    requireDigest(body.evidenceDigest());
    Map<String, String> waivers = body.waivers() == null ? Map.of() : body.waivers();
    waivers.forEach((gate, reason) -> {
      if (reason == null || reason.isBlank()) {
        throw new InvalidRequest("the waiver for gate '" + gate + "' needs a written reason");
      }
      requireText("waivers." + gate, gate);
      requireText("waivers." + gate, reason);
    });
    boolean open = rehearsals.isOpen(id);
    if (!user.has(Role.APPROVER)) {
      refused(id, open, user, decision, user.name() + " does not hold the APPROVER role");
      throw new MissingRole("signing off", Role.APPROVER);
    }
    if (!open) {
      throw closed(id, user, decision);
    }
    ApprovalRequest request = new ApprovalRequest(user.name(), user.roleNames(), decision, body.comment(),
        waivers, body.evidenceDigest(), user.groups());
    try {
      ApprovalResult result = stub(id).decide(request);
      rehearsals.refresh(id);
      return result;
    } catch (WorkflowNotFoundException closedMeanwhile) {
      throw closed(id, user, decision);
    } catch (WorkflowUpdateException e) {
      ApprovalRefusals.Refusal refusal = ApprovalRefusals.of(e).orElse(null);
      if (refusal == null) {
        // Not the validator: the run closed while the update was on its way.
        if (!rehearsals.isOpen(id)) {
          throw closed(id, user, decision);
        }
        throw new IllegalStateException("sign-off update failed unexpectedly", e);
      }
      refused(id, true, user, decision, refusal.message());
      throw new DecisionRefused(refusal.reason(), refusal.message());
    }
  }

  /** Refused when the run has already ended, even while its workflow is still open telling webhooks so. */
  public RehearsalState cancel(RehearsalUser user, String id, String reason) {
    requireText("reason", reason);
    RehearsalState now = rehearsals.state(id);
    if (now.status().isFinal()) {
      throw new NothingToCancel(now.status());
    }
    String why = reason == null || reason.isBlank() ? "no reason given" : reason;
    try {
      stub(id).cancel(new CancelRequest(user.name(), why));
    } catch (WorkflowNotFoundException closedMeanwhile) {
      throw new NothingToCancel(rehearsals.state(id).status());
    }
    return rehearsals.state(id);
  }

  private DecisionRefused closed(String id, RehearsalUser user, Decision decision) {
    refused(id, false, user, decision, CLOSED);
    return DecisionRefused.runClosed();
  }

  /** In the run's history while it is open, in the refusal log once it has closed: see {@link RefusalRecorder}. */
  private void refused(String id, boolean open, RehearsalUser user, Decision decision, String reason) {
    meters.counter("rehearsal.approvals.refused").increment();
    refusals.approval(id, open, user, decision.name(), reason);
  }

  /** Short, and valid Unicode: a lone surrogate could not be written to the timeline, the refusal log or an export. */
  static void requireText(String field, String text) {
    if (text != null && text.length() > MAX_TEXT) {
      throw new InvalidRequest(field + " is longer than " + MAX_TEXT + " characters");
    }
    if (text != null && LoneSurrogates.in(text)) {
      throw new InvalidRequest(LoneSurrogates.escaped(field) + " holds a lone UTF-16 surrogate, which is not text");
    }
  }

  private static void requireDigest(String digest) {
    if (digest != null && !EVIDENCE_DIGEST.matcher(digest).matches()) {
      throw new InvalidRequest("evidenceDigest must be sha256: followed by 64 lowercase hex digits, as the run's"
          + " state shows it");
    }
  }

  private static Decision parseDecision(String decision) {
    try {
      return Decision.valueOf(decision == null ? "" : decision.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("decision must be APPROVE or REJECT");
    }
  }

  private RehearsalWorkflow stub(String id) {
    return client.newWorkflowStub(RehearsalWorkflow.class, id);
  }
}
