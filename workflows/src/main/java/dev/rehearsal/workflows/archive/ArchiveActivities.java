package dev.rehearsal.workflows.archive;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

@ActivityInterface(namePrefix = "Archive")
public interface ArchiveActivities {

  /** One quick look at the run: open, closed, or not (yet) known to Temporal. Never waits. */
  @ActivityMethod
  RunClosure checkClosed(ArchiveInput input);

  /**
   * One quick look at each run, in order, as {@link #checkClosed} (a keeper's batch of due looks); a run that cannot
   * be looked at just now is answered as {@link RunClosure#lookAgain}, the others as usual.
   */
  @ActivityMethod
  List<RunClosure> checkClosedAll(List<ArchiveInput> inputs);

  /**
   * For archivers started before runs told them of their end: answers once the run has closed (or, after a grace,
   * never started), and fails while it is open, so that the retry policy paces the next look and no slot is held.
   */
  @ActivityMethod
  RunClosure awaitClose(ArchiveInput input);

  /** Writes the closed run to the archive; a repeat after a crash returns the entry already written. */
  @ActivityMethod
  ArchiveResult archive(ArchiveInput input);
}
