package dev.rehearsal.api.rehearsals;

import dev.rehearsal.workflows.rehearsal.RehearsalInput;
import io.temporal.client.WorkflowOptions;

/**
 * Where the run list comes from: the API's own index ({@link IndexRunListing}, for the in-memory server, which has no
 * visibility) or Temporal's visibility ({@link VisibilityRunListing}, on a real server). {@link RunListings} picks one.
 */
public interface RunListing {
  /** A page of the runs {@code filter} selects, newest first; {@code cursor} is a previous page's {@code nextCursor}. */
  RunPage page(RunFilter filter, int limit, String cursor);

  /** What a run about to start must carry for this listing to find it. */
  default WorkflowOptions.Builder starting(RunSummary run, WorkflowOptions.Builder options) {
    return options;
  }

  /** The run's input, as this listing needs it. */
  default RehearsalInput starting(RehearsalInput input) {
    return input;
  }
}
