package dev.rehearsal.workflows.rehearsal;

public enum Decision {
  APPROVE,
  REJECT
}
