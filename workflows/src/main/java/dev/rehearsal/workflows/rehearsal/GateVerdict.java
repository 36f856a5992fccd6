package dev.rehearsal.workflows.rehearsal;

/** What a gate says of its figure. Written by name into history, reports and exports, so the names never change. */
public enum GateVerdict {
  PASS, WARN, FAIL,
  /** No samples: never a PASS; needs a waiver like a WARN. */
  INCONCLUSIVE
}
