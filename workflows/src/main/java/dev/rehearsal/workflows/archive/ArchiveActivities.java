package dev.rehearsal.workflows.archive;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface(namePrefix = "Archive")
public interface ArchiveActivities {

  /** Blocks (heartbeating) until the run has closed; answers "not found" when it never started. */
  @ActivityMethod
  RunClosure awaitClose(ArchiveInput input);

  /** Writes the closed run to the archive; a repeat after a crash returns the entry already written. */
  @ActivityMethod
  ArchiveResult archive(ArchiveInput input);
}
