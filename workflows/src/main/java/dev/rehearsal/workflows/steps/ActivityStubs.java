package dev.rehearsal.workflows.steps;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.util.HashMap;
import java.util.Map;

/**
 * The run's activity stubs, one per interface and options. Making a stub reads the interface's methods by reflection,
 * which cost more per step than the rest of scheduling it, and steps of a plan mostly share their options. A stub
 * holds no state between calls (each call takes the cancellation scope it is made in), so sharing one changes
 * nothing in what the workflow does.
 */
final class ActivityStubs {
  private record Key(Class<?> type, ActivityOptions options) {}

  private static final WorkflowLocal<Map<Key, Object>> MADE = WorkflowLocal.withCachedInitial(HashMap::new);

  private ActivityStubs() {}

  static <T> T of(Class<T> type, ActivityOptions options) {
    return type.cast(MADE.get().computeIfAbsent(new Key(type, options), key -> Workflow.newActivityStub(type, options)));
  }
}
