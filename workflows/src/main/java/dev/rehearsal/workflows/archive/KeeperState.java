package dev.rehearsal.workflows.archive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a keeper knows (workflow state, deterministic): the runs it watches with their look schedules, the runs that
 * ended and wait to be archived, and the ones being archived now.
 */
final class KeeperState {
  private final Map<String, WatchedRun> watched = new LinkedHashMap<>();
  private final Map<String, RunClosure> ended = new LinkedHashMap<>();
  private final Map<String, RunClosure> archiving = new LinkedHashMap<>();

  private final long firstLook;

  KeeperState(KeeperInput carried) {
    firstLook = carried.firstLook();
    carried.watched().forEach(run -> watched.put(run.runId(), run));
    carried.ended().forEach(run -> ended.put(run.runId(), run));
  }

  /** A run registered (again, on a retried start: harmless) at {@code now}. */
  void watch(String runId, long now) {
    if (!ended.containsKey(runId) && !archiving.containsKey(runId)) {
      watched.putIfAbsent(runId, new WatchedRun(runId, now, now + firstLook, firstLook));
    }
  }

  /** The run has closed (its own word, or a look): archive it, unless that is under way already. */
  void ended(RunClosure closure) {
    watched.remove(closure.runId());
    if (!archiving.containsKey(closure.runId())) {
      ended.putIfAbsent(closure.runId(), closure);
    }
  }

  boolean hasEndedToArchive() {
    return !ended.isEmpty();
  }

  /** Takes up to {@code room} ended runs to archive now. */
  List<RunClosure> startArchiving(int room) {
    List<RunClosure> taken = new ArrayList<>();
    for (var it = ended.values().iterator(); it.hasNext() && taken.size() < room; ) {
      RunClosure run = it.next();
      it.remove();
      archiving.put(run.runId(), run);
      taken.add(run);
    }
    return taken;
  }

  void archived(String runId) {
    archiving.remove(runId);
  }

  /**
   * A run whose archive failed: watched again (so carried over continue-as-new), with a look in {@code pause} that
   * finds it closed and archives it again.
   */
  void retryLater(String runId, long now, long pause) {
    watched.put(runId, new WatchedRun(runId, now, now + pause, pause));
  }

  int archivingCount() {
    return archiving.size();
  }

  /** Up to {@code max} runs whose look is due at {@code now}. */
  List<WatchedRun> dueLooks(long now, int max) {
    return watched.values().stream().filter(run -> run.nextLookAtMillis() <= now).limit(max).toList();
  }

  /**
   * What a look found: a closed run goes to be archived; one still unknown after the start grace never started and
   * is dropped (returns false); one open (or not known yet) is looked at again after a longer pause.
   */
  boolean looked(WatchedRun run, RunClosure look, long now) {
    if (!watched.containsKey(run.runId())) {
      return true; // It told us meanwhile.
    }
    if (look.found() && !look.stillOpen()) {
      ended(look);
    } else if (!look.found() && now - run.registeredAtMillis() >= LookSchedule.START_GRACE.toMillis()) {
      watched.remove(run.runId());
      return false;
    } else {
      long pause = LookSchedule.after(Duration.ofMillis(run.pauseMillis())).toMillis();
      watched.put(run.runId(), new WatchedRun(run.runId(), run.registeredAtMillis(), now + pause, pause));
    }
    return true;
  }

  OptionalLong nextLookAt() {
    return watched.values().stream().mapToLong(WatchedRun::nextLookAtMillis).min();
  }

  /** The input of the keeper's next run: runs being archived now are archived again there (harmless) if unfinished. */
  KeeperInput carry(KeeperInput first) {
    List<RunClosure> toArchive = new ArrayList<>(archiving.values());
    toArchive.addAll(ended.values());
    return new KeeperInput(List.copyOf(watched.values()), toArchive, first.historyLimit(), first.firstLookMillis());
  }
}
