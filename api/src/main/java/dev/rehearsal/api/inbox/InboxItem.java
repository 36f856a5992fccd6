package dev.rehearsal.api.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rehearsal.workflows.rehearsal.OpenRule;
import java.time.Instant;
import java.util.List;

/**
 * One thing waiting on the caller: the run (id, plan, environment, release candidate), what is awaited ({@code
 * approval}, {@code manual} or {@code decision}) and on which step (null for approval), who may act, since when and
 * for how many seconds it has waited, and the run's link. For an approval, {@code open} says which approver rules the run
 * still waits for and how many approvals each still needs ({@code who} stays {@code APPROVER}, as before).
 */
public record InboxItem(String runId, String plan, String environment, String releaseCandidate, OpenWait.Awaited awaited,
    String step, String who, Instant since, long waitedSeconds, String link,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<OpenRule> open) {}
