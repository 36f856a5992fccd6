package dev.rehearsal.api.errors;

/** The approval policy for a plan's environment names who may start runs there, and the caller is not among them. */
public final class NotAStarter extends RehearsalException {
  public NotAStarter(String detail) {
    super(detail);
  }
}
