package dev.rehearsal.api.rehearsals;

import java.util.List;
import java.util.function.Function;

/** The list from the API's run index, each run as it currently stands ({@link CurrentRuns}). */
final class IndexRunListing implements RunListing {
  private final RunIndex index;
  private final CurrentRuns currentRuns;
  private final Function<RunSummary, RunSummary> live;

  /** @param live asks an open run for its summary; null when Temporal does not know it */
  IndexRunListing(RunIndex index, CurrentRuns currentRuns, Function<RunSummary, RunSummary> live) {
    this.index = index;
    this.currentRuns = currentRuns;
    this.live = live;
  }

  @Override
  public RunPage page(RunFilter filter, int limit, String cursor) {
    List<RunSummary> indexed = index.newestFirst();
    return RunPaging.page(indexed, currentRuns.lookup(indexed, live), filter, limit, cursor);
  }
}
