package dev.rehearsal.workflows.archive;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;

public class ArchiveKeeperWorkflowImpl implements ArchiveKeeperWorkflow {
  private static final Logger log = Workflow.getLogger(ArchiveKeeperWorkflowImpl.class);
  // One activity call looks at this many due runs; more wait for the next call, at once.
  static final int LOOK_BATCH = 50;
  // Archives written at once; the worker's activity slots bound them further.
  static final int ARCHIVING_AT_ONCE = 50;
  // Before continuing as new, archives under way get this long to finish; unfinished ones are carried (and redone).
  static final Duration ARCHIVE_DRAIN = Duration.ofMinutes(5);
  // A run whose archive failed for good is looked at, and archived, again after this long.
  static final Duration ARCHIVE_RETRY_PAUSE = Duration.ofMinutes(10);

  private final ArchiveActivities looking = ArchiveStubs.looking();
  private final ArchiveActivities writing = ArchiveStubs.writing();
  private final KeeperState state;
  private final KeeperInput input;
  private Promise<Void> timer;
  private long timerAt = Long.MAX_VALUE;

  @WorkflowInit
  public ArchiveKeeperWorkflowImpl(KeeperInput input) {
    // Built before any signal is handled, so that signals delivered with the first task find their state.
    state = new KeeperState(input);
    this.input = input;
  }

  @Override
  public void keep(KeeperInput input) {
    while (!historyFull()) {
      archiveEnded();
      long now = Workflow.currentTimeMillis();
      List<WatchedRun> due = state.dueLooks(now, LOOK_BATCH);
      if (!due.isEmpty()) {
        look(due);
        continue;
      }
      Promise<Void> wake = timerFor(state.nextLookAt());
      Workflow.await(() -> (state.hasEndedToArchive() && state.archivingCount() < ARCHIVING_AT_ONCE)
          || (wake != null && wake.isCompleted()) || lookSoonerThan(wake) || historyFull());
    }
    Workflow.await(ARCHIVE_DRAIN, () -> state.archivingCount() == 0);
    // Signals that arrive from here on are not lost: the server refuses to close a workflow with new events and
    // hands them to this code again first, so they are in the state carried over.
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(state.carry(input));
  }

  @Override
  public void watch(String runId) {
    state.watch(runId, Workflow.currentTimeMillis());
  }

  @Override
  public void runEnded(RunEnded end) {
    state.ended(new RunClosure(end.runId(), true, end.status().name()));
  }

  private boolean historyFull() {
    return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() >= input.limit();
  }

  /** One timer for the earliest look, kept until it fires or an earlier look is due. */
  private Promise<Void> timerFor(OptionalLong lookAt) {
    if (lookAt.isEmpty()) {
      return null; // Nothing to look at: only a signal wakes the keeper.
    }
    boolean spent = timer == null || timer.isCompleted();
    if (spent || lookAt.getAsLong() < timerAt) {
      timerAt = lookAt.getAsLong();
      timer = Workflow.newTimer(Duration.ofMillis(Math.max(1, timerAt - Workflow.currentTimeMillis())));
    }
    return timer;
  }

  /**
   * A look now due before the armed timer (or with none armed): a run registered meanwhile, say. Without this an idle
   * keeper would never look at its next run, and an earlier look would wait behind a later timer.
   */
  private boolean lookSoonerThan(Promise<Void> wake) {
    OptionalLong next = state.nextLookAt();
    return next.isPresent() && (wake == null || next.getAsLong() < timerAt);
  }

  private void archiveEnded() {
    for (RunClosure run : state.startArchiving(ARCHIVING_AT_ONCE - state.archivingCount())) {
      Async.function(writing::archive, new ArchiveInput(run.runId())).handle((result, failure) -> {
        state.archived(run.runId());
        if (failure != null) {
          // Writing retries until it succeeds: only a failure marked not to be retried gets here. An audit record is
          // not optional: watched again, the run is looked at (and archived again) after a pause, not dropped.
          log.error("archiving run {} failed; trying again in {}: {}", run.runId(), ARCHIVE_RETRY_PAUSE, failure.getMessage());
          state.retryLater(run.runId(), Workflow.currentTimeMillis(), ARCHIVE_RETRY_PAUSE.toMillis());
        } else {
          log.info("run {} ({}) archived as #{} manifest {}", run.runId(), run.closeStatus(), result.sequence(), result.manifestSha256());
        }
        return null;
      });
    }
  }

  private void look(List<WatchedRun> due) {
    List<RunClosure> looks = looking.checkClosedAll(due.stream().map(run -> new ArchiveInput(run.runId())).toList());
    long now = Workflow.currentTimeMillis();
    for (int i = 0; i < due.size(); i++) {
      if (!state.looked(due.get(i), looks.get(i), now)) {
        log.warn("run {} never started; nothing to archive", due.get(i).runId());
      }
    }
  }
}
