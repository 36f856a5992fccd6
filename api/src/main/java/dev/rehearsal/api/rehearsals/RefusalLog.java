package dev.rehearsal.api.rehearsals;

import dev.rehearsal.worker.RehearsalProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refusals the workflow history does not hold: refused approvals, completions and decisions on failed steps of runs
 * that are already closed (no signal reaches their history any more) or that keep as many refusals as they may
 * ({@code RefusalCap}); and refused starts, which have no run.
 */
@Component
public class RefusalLog {
  /**
   * {@code step} names the failed step a refused decision was about; null for a refused approval. A refused start
   * ({@code decision} {@code START}) has no {@code runId} and names the {@code plan} and {@code environment} instead.
   */
  public record Entry(String runId, String actor, String decision, String reason, Instant at, String step, String plan,
      String environment) {
    public Entry(String runId, String actor, String decision, String reason, Instant at) {
      this(runId, actor, decision, reason, at, null);
    }

    public Entry(String runId, String actor, String decision, String reason, Instant at, String step) {
      this(runId, actor, decision, reason, at, step, null, null);
    }

    static Entry refusedStart(String actor, String plan, String environment, String reason, Instant at) {
      return new Entry(null, actor, START, RefusalText.cap(reason), at, null, RefusalText.cap(plan), RefusalText.cap(environment));
    }
  }

  public static final String START = "START";

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
    return all().stream().filter(e -> runId.equals(e.runId())).toList();
  }

  public List<Entry> refusedStarts() {
    return all().stream().filter(e -> e.runId() == null).toList();
  }
}
