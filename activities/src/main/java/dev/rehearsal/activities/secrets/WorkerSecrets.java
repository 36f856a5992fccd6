package dev.rehearsal.activities.secrets;

import io.temporal.activity.ActivityExecutionContext;
import java.util.function.UnaryOperator;

/**
 * Where a worker's step activities find secrets ({@code environment} for {@code ${env:NAME}}; files are read as
 * named) and which references each run may resolve.
 */
public record WorkerSecrets(UnaryOperator<String> environment, SecretGate gate) {
  public static WorkerSecrets unrestricted(UnaryOperator<String> environment) {
    return new WorkerSecrets(environment, SecretGate.OPEN);
  }

  /** A fresh scope for one attempt. */
  public SecretScope scope(ActivityExecutionContext context) {
    return new SecretScope(environment, reference -> gate.refusal(context, reference));
  }
}
