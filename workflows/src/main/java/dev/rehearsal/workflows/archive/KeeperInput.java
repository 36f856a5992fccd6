package dev.rehearsal.workflows.archive;

import java.util.List;

/**
 * What a keeper starts with: nothing when first started; when it continues as new, the runs it watches (with their
 * look schedules) and the runs that ended but are not archived yet (archiving again is harmless). {@code historyLimit}
 * is how many history events it lets build up before it continues as new (null: {@link #DEFAULT_HISTORY_LIMIT});
 * {@code firstLookMillis} how long after registering a run it first looks at it (null: a minute; tests shorten it).
 */
public record KeeperInput(List<WatchedRun> watched, List<RunClosure> ended, Integer historyLimit, Long firstLookMillis) {
  public static final int DEFAULT_HISTORY_LIMIT = 4_000;

  public static KeeperInput fresh() {
    return new KeeperInput(List.of(), List.of(), null, null);
  }

  public long firstLook() {
    return firstLookMillis == null ? LookSchedule.FIRST_LOOK.toMillis() : firstLookMillis;
  }

  public int limit() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
