package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchivedRun;
import dev.rehearsal.api.inbox.OpenWait;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What the list and export show for each indexed run. An archived run is shown as the archive has it: the index is
 * a plain file anyone with the data directory can edit, the archive is hash-chained and verified. A closed run not
 * archived yet is shown as indexed. An open run is shown as it last answered: its state is asked for in the
 * background at most once a {@link #FRESH} period, a few runs at a time; a list waits (at most {@link #WAIT}) only for
 * runs never asked before. Listing thus costs no Temporal query per open run per call, however many runs are starting.
 * Beside each open run's summary it keeps what the run waits for from a person (the inbox reads it), updated by every
 * answer of the run, whoever asked.
 */
@Component
public class CurrentRuns implements AutoCloseable {
  static final Duration FRESH = Duration.ofSeconds(1);
  static final Duration WAIT = Duration.ofMillis(250);
  private static final int PARALLEL = 8;

  /** {@code summary} null: Temporal did not know the run when asked (never started, or forgotten unarchived). */
  private record Known(RunSummary summary, long askedAtNanos) {}

  private final Archive archive;
  private final Map<String, RunSummary> archived = new ConcurrentHashMap<>();
  private final Map<String, Known> open = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> asking = new ConcurrentHashMap<>();
  private final Map<String, OpenWait> waits = new ConcurrentHashMap<>();
  private final ExecutorService askers = Executors.newFixedThreadPool(PARALLEL, runnable -> {
    Thread thread = new Thread(runnable, "run-state-refresh");
    thread.setDaemon(true);
    return thread;
  });

  public CurrentRuns(Archive archive) {
    this.archive = archive;
  }

  /**
   * The current summary of each indexed run, by id; runs Temporal does not know (and the archive lacks) are left out.
   *
   * @param live asks an open run for its summary; null when Temporal does not know it
   */
  Map<String, RunSummary> of(List<RunSummary> indexed, Function<RunSummary, RunSummary> live) {
    Map<String, RunSummary> now = new HashMap<>();
    List<RunSummary> unsettled = new ArrayList<>();
    for (RunSummary run : indexed) {
      Optional<RunSummary> fromArchive = archived(run.id());
      if (fromArchive.isPresent()) {
        now.put(run.id(), fromArchive.get());
      } else if (run.isFinal()) {
        now.put(run.id(), run);
      } else {
        unsettled.add(run);
      }
    }
    long staleBefore = System.nanoTime() - FRESH.toNanos();
    List<CompletableFuture<Void>> firstAnswers = new ArrayList<>();
    for (RunSummary run : unsettled) {
      Known known = open.get(run.id());
      if (known == null) {
        firstAnswers.add(ask(run, live));
      } else if (known.askedAtNanos() < staleBefore) {
        ask(run, live); // answered in the background; this list shows the last answer
      }
    }
    await(firstAnswers);
    for (RunSummary run : unsettled) {
      Known known = open.get(run.id());
      // Never answered yet: as indexed at its start, running.
      RunSummary summary = known == null ? running(run) : known.summary();
      if (summary != null) {
        now.put(run.id(), summary);
      }
    }
    return now;
  }

  /** A run's state as it just answered: what it waits for now, and (while open) its summary for the list. */
  void saw(RehearsalState state) {
    Optional<OpenWait> wait = OpenWait.of(state);
    if (wait.isPresent()) {
      waits.put(state.id(), wait.get());
    } else {
      waits.remove(state.id());
    }
    if (!state.status().isFinal()) {
      open.put(state.id(), new Known(RunSummary.of(state), System.nanoTime()));
    }
  }

  /** What the open runs among {@code current} (as {@link #of} gave them) wait for from people. */
  List<OpenWait> waits(Map<String, RunSummary> current) {
    return waits.values().stream().filter(wait -> {
      RunSummary run = current.get(wait.runId());
      return run != null && run.status() != null && !run.status().isFinal();
    }).toList();
  }

  /** A run this API just started is known to be running: no list has to wait to ask it. */
  void started(RunSummary run) {
    open.put(run.id(), new Known(running(run), System.nanoTime()));
  }

  private Optional<RunSummary> archived(String id) {
    Optional<ArchivedRun> run = archive.find(id);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    RunSummary known = archived.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      RunSummary summary = RunSummary.of(run.get().state());
      archived.put(id, summary);
      open.remove(id);
      waits.remove(id);
      return Optional.of(summary);
    } catch (RuntimeException damaged) {
      // Audit verify names the damage; meanwhile the run is shown as indexed.
      return Optional.empty();
    }
  }

  /** One question per run at a time, however many lists ask. */
  private CompletableFuture<Void> ask(RunSummary run, Function<RunSummary, RunSummary> live) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> pending = asking.putIfAbsent(run.id(), mine);
    if (pending != null) {
      return pending;
    }
    try {
      askers.execute(() -> {
        try {
          open.put(run.id(), new Known(live.apply(run), System.nanoTime()));
        } catch (RuntimeException unanswered) {
          // Keep the last known summary; the next list asks again.
        } finally {
          asking.remove(run.id(), mine);
          mine.complete(null);
        }
      });
    } catch (RejectedExecutionException closing) {
      asking.remove(run.id(), mine);
      mine.complete(null);
    }
    return mine;
  }

  private static void await(List<CompletableFuture<Void>> answers) {
    try {
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      // Those still asking show their last known summary.
    } catch (ExecutionException notThrown) {
      // The tasks complete normally.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static RunSummary running(RunSummary run) {
    return new RunSummary(run.id(), run.plan(), run.environment(), run.releaseCandidate(), run.initiator(),
        run.startedAt(), dev.rehearsal.workflows.rehearsal.RunStatus.RUNNING, null, null);
  }

  @Override
  public void close() {
    askers.shutdownNow();
  }
}
