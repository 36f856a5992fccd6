package dev.rehearsal.api.rehearsals;

import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The list of runs, kept by the API in {@code <data dir>/index/runs.jsonl}: Temporal's visibility
 * (ListWorkflowExecutions) is missing on the in-memory local server, so listing cannot rely on it. A line records
 * a start, or later the final status of a run.
 */
@Component
public class RunIndex {
  private final JsonLinesFile<RunSummary> file;
  private final Map<String, RunSummary> runs = new LinkedHashMap<>();

  public RunIndex(RehearsalProperties properties) {
    this.file = new JsonLinesFile<>(properties.dataDir().resolve("index").resolve("runs.jsonl"), RunSummary.class);
    for (RunSummary run : file.readAll()) {
      runs.merge(run.id(), run, (started, closed) -> started.withStatus(closed.status()));
    }
  }

  public synchronized void started(RunSummary run) {
    if (runs.putIfAbsent(run.id(), run) == null) {
      file.append(run);
    }
  }

  public synchronized void closed(String id, RunStatus status) {
    RunSummary run = runs.get(id);
    if (run != null && run.status() == null) {
      RunSummary closed = run.withStatus(status);
      runs.put(id, closed);
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
