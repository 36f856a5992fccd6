package dev.rehearsal.plan;

/**
 * What a run does when nobody decides on a failed step in time: go to the rollback phase (the run ends FAILED), or
 * abort (the run ends CANCELLED). Written in plans and histories by these names.
 */
public enum OnDecisionTimeout {
  rollback,
  abort
}
