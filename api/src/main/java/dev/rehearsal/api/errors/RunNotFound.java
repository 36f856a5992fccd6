package dev.rehearsal.api.errors;

/** No rehearsal by that id: Temporal does not know it (or it is another kind of workflow) and the archive lacks it. */
public final class RunNotFound extends RehearsalException {
  public RunNotFound(String id) {
    super("no rehearsal " + id);
  }
}
