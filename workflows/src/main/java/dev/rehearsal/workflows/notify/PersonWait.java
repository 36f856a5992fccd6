package dev.rehearsal.workflows.notify;

import java.time.Instant;

/**
 * What a run waits for from a person, as a reminder tells it: {@code awaited} is {@code approval}, {@code manual} or
 * {@code decision}; {@code step} the step waited on (null for approval); {@code who} who may act (a role such as
 * {@code APPROVER}, or {@code group:<name>}); {@code since} when the wait began; {@code until} when it times out (null
 * when the waiting step did not say); {@code waitedSeconds} how long it had waited when the notice was sent.
 */
public record PersonWait(String awaited, String step, String who, Instant since, Instant until, long waitedSeconds) {}
