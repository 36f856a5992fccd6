package dev.rehearsal.activities.secrets;

import java.util.Optional;

/** The secret step outputs of one run, as a step activity of that run reads and writes them. */
public interface RunOutputs {
  /** The value, or empty when the step has not produced it (yet) in this run. */
  Optional<String> read(String step, String name);

  /** Keeps the value durably before returning. */
  void write(String step, String name, String value);
}
