package dev.rehearsal.plan;

/**
 * What a step that failed after its retries does to the run: {@code fail} ends the phases as always (only the
 * rollback phase still runs); {@code ask} pauses the run until an ENGINEER decides (retry, skip, rollback, abort).
 * Written in plans and histories by these names.
 */
public enum OnFailure {
  fail,
  ask
}
