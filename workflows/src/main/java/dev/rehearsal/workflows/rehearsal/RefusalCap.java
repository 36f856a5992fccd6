package dev.rehearsal.workflows.rehearsal;

/**
 * How many refused attempts (approvals, completions and failed-step decisions together) a run keeps in its own state
 * and history. Every refusal grows the history by a signal, and the state by a record; without a bound, a flood of
 * refusals by anyone authenticated could push a workflow task past gRPC's 4 MB and wedge the run. The API stops
 * signalling at this count and writes further refusals to its refusal log; the run itself drops any beyond it from its
 * state (its history still holds their signals, and so the timeline).
 */
public final class RefusalCap {
  public static final int KEPT_IN_RUN = 100;

  private RefusalCap() {}

  /** Whether a run that keeps {@code approvals} refused approvals or completions and {@code decisions} refused decisions keeps one more. */
  static boolean room(int approvals, int decisions) {
    return approvals + decisions < KEPT_IN_RUN;
  }
}
