package dev.rehearsal.activities.secrets;

import java.util.List;
import java.util.Optional;

/** The secret step outputs of one run, as a step activity of that run reads and writes them. */
public interface RunOutputs {
  /** The value, or empty when the step has not produced it (yet) in this run. */
  Optional<String> read(String step, String name);

  /** Every value the run's steps have produced so far, whichever step and name. */
  List<String> all();

  /** Keeps the value durably before returning. */
  void write(String step, String name, String value);
}
