package dev.rehearsal.workflows.archive;

import java.time.Duration;

/** When archivers and keepers look at runs that may end without telling (terminated, timed out, never started). */
final class LookSchedule {
  // Soon at first, then rarely.
  static final Duration FIRST_LOOK = Duration.ofMinutes(1);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(30);
  // The watch is registered just before the run starts; a run still unknown after this never started.
  static final Duration START_GRACE = Duration.ofMinutes(2);

  private LookSchedule() {}

  /** The pause after one of {@code pause}: twice as long, up to {@link #LONGEST_PAUSE}. */
  static Duration after(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
  }
}
