package dev.rehearsal.api.rehearsals;

import dev.rehearsal.worker.RehearsalProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The list of runs, kept by the API in {@code <data dir>/index/runs.jsonl}: Temporal's visibility
 * (ListWorkflowExecutions) is missing on the in-memory local server, so listing cannot rely on it. A line records
 * a start, or later the run as it closed. Lines are written (fsync) one at a time under a lock of their own, so that
 * a list never waits for a disk write: with 50 runs starting at once it used to wait for all of them.
 */
@Component
public class RunIndex {
  private final JsonLinesFile<RunSummary> file;
  private final Map<String, RunSummary> runs = new LinkedHashMap<>();
  private final Object writing = new Object();

  public RunIndex(RehearsalProperties properties) {
    this.file = new JsonLinesFile<>(properties.dataDir().resolve("index").resolve("runs.jsonl"), RunSummary.class);
    for (RunSummary run : file.readAll()) {
      // A later line for the same run is its close; the start line keeps its place in the order.
      runs.merge(run.id(), run, (started, closed) -> closed);
    }
  }

  /** Written before the run starts, so a failure here has started nothing; a line whose run never started is not listed. */
  public void started(RunSummary run) {
    synchronized (writing) {
      if (!has(run.id())) {
        file.append(run);
        put(run);
      }
    }
  }

  /** Every read of a closed run tells it again: one already indexed as closed waits for no write. */
  public void closed(RunSummary closed) {
    if (!indexedOpen(closed.id())) {
      return;
    }
    synchronized (writing) {
      if (indexedOpen(closed.id())) {
        put(closed);
        file.append(closed);
      }
    }
  }

  private synchronized boolean has(String id) {
    return runs.containsKey(id);
  }

  private synchronized boolean indexedOpen(String id) {
    RunSummary run = runs.get(id);
    return run != null && !run.isFinal();
  }

  private synchronized void put(RunSummary run) {
    runs.put(run.id(), run);
  }

  /** All runs, newest first. */
  public synchronized List<RunSummary> newestFirst() {
    List<RunSummary> list = new ArrayList<>(runs.values());
    Collections.reverse(list);
    return list;
  }
}
