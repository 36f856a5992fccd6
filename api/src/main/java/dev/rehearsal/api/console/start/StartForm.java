package dev.rehearsal.api.console.start;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the start form holds, bound from its fields and shown again after Validate or a refused Start, so nothing typed
 * is lost. The plan is the pasted text, or the chosen file's text once the form has been sent. {@code idempotencyKey}
 * is the form's own (a hidden field, fresh for each empty form and kept while it is shown again), sent as the API's
 * {@code Idempotency-Key}: a double click or a resubmit of the same form lands on the run its first Start began.
 */
public record StartForm(String plan, String releaseCandidate, String parameters, String idempotencyKey) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");

  public StartForm {
    plan = plan == null ? "" : plan.replace("\r\n", "\n");
    releaseCandidate = releaseCandidate == null ? "" : releaseCandidate.trim();
    parameters = parameters == null ? "" : parameters.replace("\r\n", "\n");
    // A form sent without one (or with one the form never made) gets a fresh key: it starts a run of its own.
    idempotencyKey = idempotencyKey != null && KEY.matcher(idempotencyKey).matches() ? idempotencyKey : UUID.randomUUID().toString();
  }

  /** An empty form with a key of its own. */
  static StartForm empty() {
    return new StartForm("", "", "", null);
  }

  StartForm withPlan(String text) {
    return new StartForm(text, releaseCandidate, parameters, idempotencyKey);
  }
}
