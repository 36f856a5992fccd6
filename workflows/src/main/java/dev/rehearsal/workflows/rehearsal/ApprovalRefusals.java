package dev.rehearsal.workflows.rehearsal;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failure types with which the sign-off update's validator refuses a decision; the API maps them to HTTP codes.
 *
 * <p>SDK 1.38.0 loses an {@code ApplicationFailure}'s type when a validator throws it (temporalio/sdk-java#2875,
 * fixed after 1.38.0), so the type also leads the message as {@code [Type] text} and is read back from there.
 */
public final class ApprovalRefusals {
  public static final String NOT_AWAITING_APPROVAL = "NotAwaitingApproval";
  public static final String NOT_APPROVER = "NotApprover";
  public static final String INITIATOR = "InitiatorMayNotApprove";
  public static final String ALREADY_DECIDED = "AlreadyDecided";
  public static final String WAIVER_MISSING = "WaiverMissing";
  public static final String INVALID_DECISION = "InvalidDecision";
  /** The approval names an evidence digest that is no longer the run's: the approver reviewed something else. */
  public static final String STALE_EVIDENCE = "StaleEvidence";

  private static final List<String> ALL = List.of(
      NOT_AWAITING_APPROVAL, NOT_APPROVER, INITIATOR, ALREADY_DECIDED, WAIVER_MISSING, INVALID_DECISION, STALE_EVIDENCE);
  private static final Pattern TAGGED = Pattern.compile("^\\[(\\w+)] (.*)$", Pattern.DOTALL);

  private ApprovalRefusals() {}

  static ApplicationFailure refusal(String type, String message) {
    return ApplicationFailure.newNonRetryableFailure("[" + type + "] " + message, type);
  }

  /** The refusal a failed update carries: its type and its message for people; empty when it is no refusal. */
  public static Optional<Refusal> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        Matcher m = TAGGED.matcher(app.getOriginalMessage());
        if (m.matches() && ALL.contains(m.group(1))) {
          return Optional.of(new Refusal(m.group(1), m.group(2)));
        }
      }
    }
    return Optional.empty();
  }

  public record Refusal(String type, String message) {}
}
