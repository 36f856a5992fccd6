package dev.rehearsal.workflows.rehearsal;

import java.time.Instant;

/**
 * A decision taken on a failed step: by whom, when and why. {@code timedOut} is true when nobody decided in time
 * and the plan's {@code onDecisionTimeout} decided (then {@code actor} is null).
 */
public record FailureDecisionRecord(String step, FailureAction action, String actor, String reason, Instant at, boolean timedOut) {}
