package dev.rehearsal.workflows.steps;

import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The activity types that run a step, read from the step activity interfaces so they cannot drift: a method is a
 * step when its result is a {@link StepResult} or a record carrying one (a baseline record, say, returns nothing).
 */
public final class StepActivityTypes {
  /** The interfaces whose methods run step kinds. */
  private static final List<Class<?>> INTERFACES = List.of(StepActivities.class, PostgresActivities.class, LoadActivities.class);

  private static final Set<String> NAMES = INTERFACES.stream()
      .flatMap(type -> POJOActivityInterfaceMetadata.newInstance(type).getMethodsMetadata().stream())
      .filter(method -> carriesStepResult(method.getMethod()))
      .map(POJOActivityMethodMetadata::getActivityTypeName)
      .collect(Collectors.toUnmodifiableSet());

  private StepActivityTypes() {}

  /** Every step activity type, e.g. {@code RunCommand}, {@code PostgresSnapshot}, {@code LoadRunLoad}. */
  public static Set<String> names() {
    return NAMES;
  }

  public static boolean isStep(String activityType) {
    return NAMES.contains(activityType);
  }

  private static boolean carriesStepResult(Method method) {
    Class<?> result = method.getReturnType();
    return result == StepResult.class || (result.isRecord()
        && Arrays.stream(result.getRecordComponents()).map(RecordComponent::getType).anyMatch(StepResult.class::equals));
  }
}
