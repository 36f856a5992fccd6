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
 * a start, or later the run as it closed.
 */
@Component
public class RunIndex {
  private final JsonLinesFile<RunSummary> file;
  private final Map<String, RunSummary> runs = new LinkedHashMap<>();

  public RunIndex(RehearsalProperties properties) {
    this.file = new JsonLinesFile<>(properties.dataDir().resolve("index").resolve("runs.jsonl"), RunSummary.class);
    for (RunSummary run : file.readAll()) {
      // A later line for the same run is its close; the start line keeps its place in the order.
      runs.merge(run.id(), run, (started, closed) -> closed);
    }
  }

  /** Written before the run starts, so a failure here has started nothing; a line whose run never started is not listed. */
  public synchronized void started(RunSummary run) {
    if (!runs.containsKey(run.id())) {
      file.append(run);
      runs.put(run.id(), run);
    }
  }

  public synchronized void closed(RunSummary closed) {
    RunSummary run = runs.get(closed.id());
    if (run != null && !run.isFinal()) {
      runs.put(closed.id(), closed);
      file.append(closed);
    }
  }

  /** All runs, newest first. */
  public synchronized List<RunSummary> newestFirst() {
    List<RunSummary> list = new ArrayList<>(runs.values());
    Collections.reverse(list);
    return list;
  }
}
