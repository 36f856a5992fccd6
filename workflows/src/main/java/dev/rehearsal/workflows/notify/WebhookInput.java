package dev.rehearsal.workflows.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;

/**
 * One notification: the webhook's (possibly secret-referencing) URL, the event, and what to say. {@code text} is the
 * Slack message; the other fields let other receivers act on the run. {@code waiting} says, for a reminder or a
 * wait's timeout, what the run waits for (null for other events and in histories older than reminders).
 */
public record WebhookInput(
    String url, String event, String runId, String plan, String environment, String releaseCandidate, String status,
    ReadinessVerdict readiness, String text, @JsonInclude(JsonInclude.Include.NON_NULL) PersonWait waiting) {

  public WebhookInput(String url, String event, String runId, String plan, String environment, String releaseCandidate,
      String status, ReadinessVerdict readiness, String text) {
    this(url, event, runId, plan, environment, releaseCandidate, status, readiness, text, null);
  }
}
