package dev.rehearsal.activities.secrets;

import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a worker's step activities find secrets ({@code environment} for {@code ${env:NAME}}; files are read as
 * named; {@code outputs} for secret step outputs, null until the activities that own a data directory add it) and
 * which references each run may resolve.
 */
public record WorkerSecrets(UnaryOperator<String> environment, SecretGate gate, SecretOutputStore outputs) {
  public WorkerSecrets(UnaryOperator<String> environment, SecretGate gate) {
    this(environment, gate, null);
  }

  public static WorkerSecrets unrestricted(UnaryOperator<String> environment) {
    return new WorkerSecrets(environment, SecretGate.OPEN);
  }

  /** These secrets with secret step outputs kept in {@code store}, unless a store was given already. */
  public WorkerSecrets withOutputs(SecretOutputStore store) {
    return outputs != null ? this : new WorkerSecrets(environment, gate, store);
  }

  /** A fresh scope for one attempt, masking every secret output its run has produced so far. */
  public SecretScope scope(ActivityExecutionContext context) {
    String runId = context.getInfo().getWorkflowId();
    RunOutputs run = outputs == null ? null : new RunOutputs() {
      @Override
      public Optional<String> read(String step, String name) {
        return outputs.read(runId, step, name);
      }

      @Override
      public List<String> all() {
        return outputs.values(runId);
      }

      @Override
      public void write(String step, String name, String value) {
        outputs.write(runId, step, name, value);
      }
    };
    return new SecretScope(environment, reference -> gate.refusal(context, reference), run);
  }
}
