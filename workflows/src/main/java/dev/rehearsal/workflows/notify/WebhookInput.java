package dev.rehearsal.workflows.notify;

import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;

/**
 * One notification: the webhook's (possibly secret-referencing) URL, the event, and what to say. {@code text} is the
 * Slack message; the other fields let other receivers act on the run.
 */
public record WebhookInput(
    String url, String event, String runId, String plan, String environment, String releaseCandidate, String status,
    ReadinessVerdict readiness, String text) {}
