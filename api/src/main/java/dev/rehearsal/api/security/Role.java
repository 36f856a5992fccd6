package dev.rehearsal.api.security;

public enum Role {
  ENGINEER,
  APPROVER,
  AUDITOR
}
