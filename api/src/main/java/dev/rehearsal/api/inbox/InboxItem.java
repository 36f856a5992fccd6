package dev.rehearsal.api.inbox;

import java.time.Instant;

/**
 * One thing waiting on the caller: the run (id, plan, environment, release candidate), what is awaited ({@code
 * approval}, {@code manual} or {@code decision}) and on which step (null for approval), who may act, since when and
 * for how many seconds it has waited, and the run's link.
 */
public record InboxItem(String runId, String plan, String environment, String releaseCandidate, OpenWait.Awaited awaited,
    String step, String who, Instant since, long waitedSeconds, String link) {}
