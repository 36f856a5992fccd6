package dev.rehearsal.activities.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gated figures of the last signed-off rehearsal of each plan and environment, one small JSON file each under
 * {@code <data dir>/baselines}. Written when a run is signed off, read by the next run's load steps.
 */
public class BaselineStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  public BaselineStore(Path dataDir) {
    this.dir = dataDir.resolve("baselines").toAbsolutePath().normalize();
  }

  /** The last recorded baseline: its run id and figures by gate name; empty figures when there is none. */
  public record Baseline(String runId, Map<String, Double> figures) {
    static final Baseline NONE = new Baseline(null, Map.of());
  }

  public Baseline find(String plan, String environment) {
    Path file = file(plan, environment);
    if (!Files.isRegularFile(file)) {
      return Baseline.NONE;
    }
    try {
      Map<String, Object> stored = JSON.readValue(file.toFile(), new TypeReference<>() {});
      Map<String, Double> figures = new LinkedHashMap<>();
      ((Map<?, ?>) stored.getOrDefault("figures", Map.of())).forEach((k, v) -> figures.put((String) k, ((Number) v).doubleValue()));
      return new Baseline((String) stored.get("runId"), figures);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("baseline " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Replaces the baseline atomically: a reader sees the old one or the new one, never half of one. */
  public void record(String plan, String environment, String runId, Map<String, Double> figures) {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("plan", plan);
    stored.put("environment", environment);
    stored.put("runId", runId);
    stored.put("figures", figures);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), stored);
      Files.move(tmp, file(plan, environment), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the baseline", e);
    }
  }

  /** Plan and environment names are the user's; a hash keeps them out of the file system's way. */
  private Path file(String plan, String environment) {
    return dir.resolve(EvidenceStore.sha256((plan + "\n" + environment).getBytes(StandardCharsets.UTF_8)) + ".json");
  }
}
