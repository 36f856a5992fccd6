package dev.rehearsal.workflows.rehearsal;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures with which the sign-off update's validator refuses a decision, and reading them back on the client.
 *
 * <p>SDK 1.38.0 loses an {@code ApplicationFailure}'s type when a validator throws it (temporalio/sdk-java#2875,
 * fixed after 1.38.0), so the type also leads the message as {@code [Type] text} and is read back from there.
 */
public final class ApprovalRefusals {
  private static final Pattern TAGGED = Pattern.compile("^\\[(\\w+)] (.*)$", Pattern.DOTALL);

  private ApprovalRefusals() {}

  static ApplicationFailure refusal(RefusalReason reason, String message) {
    return ApplicationFailure.newNonRetryableFailure("[" + reason.type() + "] " + message, reason.type());
  }

  /** The refusal a failed update carries: its reason and its message for people; empty when it is no refusal. */
  public static Optional<Refusal> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        Matcher m = TAGGED.matcher(app.getOriginalMessage());
        Optional<RefusalReason> reason = m.matches() ? RefusalReason.ofType(m.group(1)) : Optional.empty();
        if (reason.isPresent()) {
          return Optional.of(new Refusal(reason.get(), m.group(2)));
        }
      }
    }
    return Optional.empty();
  }

  public record Refusal(RefusalReason reason, String message) {}
}
