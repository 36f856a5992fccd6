package dev.rehearsal.api.rehearsals;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.archive.ArchivedRun;
import dev.rehearsal.api.inbox.OpenWait;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.worker.TemporalEndpoint;
import dev.rehearsal.worker.runs.RunStateFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * a plain file anyone with the data directory can edit, the archive is hash-chained and verified (its summaries are
 * cached: archived runs no longer change). A closed run not archived yet is shown as indexed, or as it last said.
 * An open run is shown as it last said: in local mode the worker in this process tells each run's state as it
 * changes ({@link LocalRunFeed}), so a list costs no Temporal query at all; otherwise (a remote Temporal, whose
 * workers run elsewhere) its state is asked for in the background at most once a {@link #FRESH} period, a few runs
 * at a time. Either way a list waits (at most {@link #WAIT}) only for runs never heard of before (after a restart).
 * Beside each open run's summary it keeps what the run waits for from a person (the inbox reads it).
 */
@Component
public class CurrentRuns implements AutoCloseable {
  static final Duration FRESH = Duration.ofSeconds(1);
  static final Duration WAIT = Duration.ofMillis(250);
  private static final int PARALLEL = 8;

  /**
   * {@code summary} null: Temporal did not know the run when asked (never started, or forgotten unarchived).
   * {@code assumed}: nobody asked, the run is being started by this API and told nothing yet.
   */
  private record Known(RunSummary summary, long askedAtNanos, boolean assumed) {
    Known(RunSummary summary, long askedAtNanos) {
      this(summary, askedAtNanos, false);
    }

    boolean closed() {
      return summary != null && summary.status() != null && summary.status().isFinal();
    }
  }

  private final Archive archive;
  /** Runs tell their state as it changes: nothing is asked again once known. */
  private final boolean fed;
  private final Map<String, RunSummary> archived = new ConcurrentHashMap<>();
  private final Map<String, Known> open = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> asking = new ConcurrentHashMap<>();
  private final Map<String, OpenWait> waits = new ConcurrentHashMap<>();
  private final ExecutorService askers = Executors.newFixedThreadPool(PARALLEL, runnable -> {
    Thread thread = new Thread(runnable, "run-state-refresh");
    thread.setDaemon(true);
    return thread;
  });

  @org.springframework.beans.factory.annotation.Autowired
  public CurrentRuns(Archive archive, TemporalEndpoint temporal, RehearsalProperties rehearsal) {
    this(archive, RunStateFeed.tellsEveryRun(temporal, rehearsal));
  }

  CurrentRuns(Archive archive, boolean fed) {
    this.archive = archive;
    this.fed = fed;
  }

  /**
   * The current summary of each indexed run, by id; runs Temporal does not know (and the archive lacks) are left out.
   *
   * @param live asks an open run for its summary; null when Temporal does not know it
   */
  Map<String, RunSummary> of(List<RunSummary> indexed, Function<RunSummary, RunSummary> live) {
    Function<String, RunSummary> current = lookup(indexed, live);
    Map<String, RunSummary> now = new HashMap<>();
    for (RunSummary run : indexed) {
      RunSummary summary = current.apply(run.id());
      if (summary != null) {
        now.put(run.id(), summary);
      }
    }
    return now;
  }

  /**
   * Like {@link #of}, but each run's summary is found only when asked for, so that a page stops reading (and parsing
   * archived runs) once it is full.
   */
  Function<String, RunSummary> lookup(List<RunSummary> indexed, Function<RunSummary, RunSummary> live) {
    Set<String> archivedIds = archive.archivedIds();
    Map<String, RunSummary> unsettled = new HashMap<>();
    long staleBefore = System.nanoTime() - FRESH.toNanos();
    List<CompletableFuture<Void>> firstAnswers = new ArrayList<>();
    for (RunSummary run : indexed) {
      if (run.isFinal() || archivedIds.contains(run.id())) {
        continue;
      }
      unsettled.put(run.id(), run);
      Known known = open.get(run.id());
      if (known == null) {
        firstAnswers.add(ask(run, live));
      } else if (!fed && known.askedAtNanos() < staleBefore && !known.closed()) {
        ask(run, live); // answered in the background; this list shows the last answer
      }
    }
    await(firstAnswers);
    Map<String, RunSummary> indexedById = new HashMap<>();
    indexed.forEach(run -> indexedById.put(run.id(), run));
    return id -> {
      if (archivedIds.contains(id)) {
        Optional<RunSummary> fromArchive = archived(id);
        if (fromArchive.isPresent()) {
          return fromArchive.get();
        }
      }
      RunSummary run = indexedById.get(id);
      Known known = open.get(id);
      if (run == null || (run.isFinal() && (known == null || !known.closed()))) {
        return run;
      }
      // Never answered yet: as indexed at its start, running.
      return known == null ? running(run) : known.summary();
    };
  }

  /** A run's state as it just answered: what it waits for now, and (while open) its summary for the list. */
  void saw(RehearsalState state) {
    Optional<OpenWait> wait = OpenWait.of(state);
    if (wait.isPresent()) {
      waits.put(state.id(), wait.get());
    } else {
      waits.remove(state.id());
    }
    if (!archived.containsKey(state.id())) {
      // A closed run is kept as it ended until the archive has it (its index line may still be on its way).
      open.put(state.id(), new Known(RunSummary.of(state), System.nanoTime()));
    }
  }

  /** What the open runs among {@code current} (as {@link #lookup} gave them) wait for from people. */
  List<OpenWait> waits(Function<String, RunSummary> current) {
    return waits.values().stream().filter(wait -> {
      RunSummary run = current.apply(wait.runId());
      return run != null && run.status() != null && !run.status().isFinal();
    }).toList();
  }

  /**
   * A run this API is starting is known to be running from before its start call, so that no list waits to ask
   * Temporal about it meanwhile (a list used to wait up to {@link #WAIT} for each run of a burst of starts). Unless
   * the run already told more: it may reach sign-off (and the worker tell so) before its start call returns.
   */
  void started(RunSummary run) {
    open.putIfAbsent(run.id(), new Known(running(run), System.nanoTime(), true));
  }

  /** The start of a run {@link #started} failed: unless it told something after all, it is asked again when listed. */
  void notStarted(RunSummary run) {
    open.computeIfPresent(run.id(), (id, known) -> known.assumed() ? null : known);
  }

  private Optional<RunSummary> archived(String id) {
    RunSummary known = archived.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ArchivedRun> run = archive.find(id);
    if (run.isEmpty()) {
      return Optional.empty();
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
        run.startedAt(), dev.rehearsal.workflows.rehearsal.RunStatus.RUNNING, null, null, null);
  }

  @Override
  public void close() {
    askers.shutdownNow();
  }
}
