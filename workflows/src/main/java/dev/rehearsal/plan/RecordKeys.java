package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys a plan mapping may hold, taken from the record it binds to, so that a field added to a spec is allowed
 * by the validator without a second list to keep in step.
 */
final class RecordKeys {
  private RecordKeys() {}

  /**
   * The JSON names of {@code type}'s components (its {@link JsonProperty} name where it has one), plus {@code extra}
   * keys the plan allows without binding them, such as {@code description}.
   */
  static Set<String> of(Class<? extends Record> type, String... extra) {
    Set<String> keys = new HashSet<>(Arrays.asList(extra));
    for (RecordComponent component : type.getRecordComponents()) {
      // @JsonProperty does not target record components, so Java keeps it on the accessor.
      JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
      keys.add(renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value());
    }
    return Set.copyOf(keys);
  }

  /** The names of an enum's constants: the values a plan may write for it. */
  static Set<String> names(Class<? extends Enum<?>> type) {
    Set<String> names = new HashSet<>();
    for (Enum<?> constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    return Set.copyOf(names);
  }
}
