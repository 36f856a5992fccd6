package dev.rehearsal.api.rehearsals;

import dev.rehearsal.worker.runs.RunStateFeed;
import dev.rehearsal.worker.runs.RunStateListener;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hears each run's state from the worker in this process ({@link RunStateFeed}, in local mode) and keeps the list's view current:
 * {@link CurrentRuns} at once, and the run's closing line in the {@link RunIndex} (written on a thread of its own,
 * since the worker calls this from the run's workflow thread, and the index fsyncs).
 */
@Component
public class LocalRunFeed implements RunStateListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalRunFeed.class);

  private final CurrentRuns currentRuns;
  private final RunIndex index;
  private final ExecutorService indexWriter = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "run-index-close");
    thread.setDaemon(true);
    return thread;
  });

  public LocalRunFeed(CurrentRuns currentRuns, RunIndex index) {
    this.currentRuns = currentRuns;
    this.index = index;
  }

  @Override
  public void changed(RehearsalState state) {
    currentRuns.saw(state);
    // A decision sets the final status in its handler; the run records when it finished right after.
    if (state.status().isFinal() && state.finishedAt() != null) {
      RunSummary closed = RunSummary.of(state);
      indexWriter.execute(() -> {
        try {
          index.closed(closed);
        } catch (RuntimeException unwritten) {
          // The next read of the run writes it (RehearsalService.state); meanwhile the list shows it as it ended.
          log.warn("could not index the close of {}: {}", closed.id(), unwritten.getMessage());
        }
      });
    }
  }

  @Override
  public void close() {
    indexWriter.shutdown();
  }
}
