package dev.rehearsal.activities.secrets;

import io.temporal.activity.ActivityExecutionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Decides, inside an activity and at the moment of resolution, whether its run may use a secret reference. */
@FunctionalInterface
public interface SecretGate {
  SecretGate OPEN = (context, reference) -> Optional.empty();

  /** Why the run of {@code context} may not resolve {@code reference} (e.g. {@code env:DB_URL}); empty when it may. */
  Optional<String> refusal(ActivityExecutionContext context, String reference);

  /** The worker's own files and directories (configuration, data), which no step may read or work in. */
  default List<Path> workerFiles() {
    return List.of();
  }
}
