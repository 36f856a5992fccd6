package dev.rehearsal.api.rehearsals;

import dev.rehearsal.worker.RehearsalProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refused approvals, and refused decisions on failed steps, on runs that are already closed, where no signal can reach
 * the workflow history any more.
 */
@Component
public class RefusalLog {
  /** {@code step} names the failed step a refused decision was about; null for a refused approval. */
  public record Entry(String runId, String actor, String decision, String reason, Instant at, String step) {
    public Entry(String runId, String actor, String decision, String reason, Instant at) {
      this(runId, actor, decision, reason, at, null);
    }
  }

  private final JsonLinesFile<Entry> file;

  public RefusalLog(RehearsalProperties properties) {
    this.file = new JsonLinesFile<>(properties.dataDir().resolve("audit").resolve("refused-approvals.jsonl"), Entry.class);
  }

  public void append(Entry entry) {
    file.append(entry);
  }

  public List<Entry> all() {
    return file.readAll();
  }

  public List<Entry> forRun(String runId) {
    return all().stream().filter(e -> e.runId().equals(runId)).toList();
  }
}
