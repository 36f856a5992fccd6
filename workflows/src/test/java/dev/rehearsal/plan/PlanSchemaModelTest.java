package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The schema says what the model binds: walking {@link Plan}'s records and the schema side by side, every record's
 * components are exactly the properties of its schema object (under their plan keys), unknown keys are refused,
 * enums list the same values and numbers and flags have the right JSON type. A new field, record, step kind or phase
 * without its schema entry fails here.
 */
class PlanSchemaModelTest {
  /** Keys the validator accepts that no record binds: free text for people. */
  private static final Map<Class<?>, Set<String>> VALIDATOR_ONLY_KEYS =
      Map.of(Plan.class, Set.of("description"), StepSpec.class, Set.of("description"), TargetSpec.class, Set.of("description"));

  @Test
  void everyRecordOfThePlanMatchesItsSchemaObject() {
    List<String> wrong = new ArrayList<>();
    Set<Class<?>> seen = new java.util.HashSet<>();

    checkRecord(Plan.class, PlanSchemaFile.tree(), "plan", wrong, seen);

    assertThat(new TreeSet<>(wrong)).as("differences between the plan records and docs/plan.schema.json").isEmpty();
    // The walk reached every kind's spec, so none was skipped for want of a schema entry.
    assertThat(seen).contains(CommandSpec.class, HttpSpec.class, SqlSpec.class, SnapshotSpec.class, RestoreSpec.class,
        LoadSpec.class, LoadSpec.GateSpec.class, NotifySpec.Webhook.class, SignoffSpec.Approvers.class, TargetSpec.Http.class);
  }

  @Test
  void everyStepKindIsAStepPropertyAndOneOfTheStepShapes() {
    Set<String> kinds = new TreeSet<>(StepKind.keys());

    assertThat(PlanSchemaFile.stepShapeKinds()).as("kinds in the step's oneOf").isEqualTo(kinds);
    assertThat(PlanSchemaFile.stepProperties()).containsAll(kinds);
  }

  @Test
  void everyPhaseIsAPropertyOfPhasesAndRerunNamesEachPhaseWithSteps() {
    JsonNode phases = PlanSchemaFile.tree().at("/$defs/phases");
    Set<String> keys = new TreeSet<>();
    Set<String> withSteps = new TreeSet<>();
    for (Phase phase : Phase.values()) {
      keys.add(phase.key());
      if (phase != Phase.SIGNOFF) {
        withSteps.add(phase.key());
      }
    }

    assertThat(names(phases.get("properties"))).isEqualTo(keys);
    assertThat(phases.get("required")).extracting(JsonNode::asText).containsExactly("signoff");
    Set<String> rerun = new TreeSet<>();
    PlanSchemaFile.tree().at("/$defs/step/properties/rerun/enum").forEach(p -> rerun.add(p.asText()));
    assertThat(rerun).isEqualTo(withSteps);
  }

  @Test
  void theApiVersionIsTheValidatorsOwn() {
    assertThat(PlanSchemaFile.tree().at("/properties/apiVersion/const").asText()).isEqualTo(PlanValidator.API_VERSION);
  }

  private static void checkRecord(Class<?> record, JsonNode node, String where, List<String> wrong, Set<Class<?>> seen) {
    if (!seen.add(record)) {
      return; // checked already (each record has one schema object; every phase lists the same step)
    }
    JsonNode object = PlanSchemaFile.resolve(node);
    Map<String, Type> components = planComponents(record);
    Set<String> expected = new TreeSet<>(VALIDATOR_ONLY_KEYS.getOrDefault(record, Set.of()));
    expected.addAll(components.keySet());
    Set<String> actual = names(object.path("properties"));
    if (!actual.equals(expected)) {
      wrong.add(where + " (" + record.getSimpleName() + "): record keys " + expected + ", schema properties " + actual);
    }
    if (!object.path("additionalProperties").isBoolean() || object.path("additionalProperties").asBoolean()) {
      wrong.add(where + " (" + record.getSimpleName() + "): unknown keys are refused by the validator, so additionalProperties must be false");
    }
    components.forEach((key, type) -> {
      JsonNode property = object.path("properties").path(key);
      if (!property.isMissingNode()) {
        checkType(type, PlanSchemaFile.resolve(property), where + "." + key, wrong, seen);
      }
    });
  }

  /**
   * A record's keys in the plan and their types. A step holds its body under its kind's key, so StepSpec's keys are
   * its name and retry plus every registered kind; a record written as one value (a rerun's phase name) is that value.
   */
  private static Map<String, Type> planComponents(Class<?> record) {
    Map<String, Type> components = new java.util.LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      if (record == StepSpec.class && c.getName().equals("body")) {
        for (StepKind kind : StepKind.values()) {
          components.put(kind.key(), valueType(kind.type()));
        }
      } else {
        components.put(planKey(c), valueType(c.getGenericType()));
      }
    }
    return components;
  }

  private static Type valueType(Type type) {
    if (type instanceof Class<?> c && c.isRecord()) {
      for (RecordComponent component : c.getRecordComponents()) {
        if (component.getAccessor().isAnnotationPresent(JsonValue.class)) {
          return component.getGenericType();
        }
      }
    }
    return type;
  }

  /** Records and enums are followed into lists and maps; numbers and flags must have the matching JSON type. */
  private static void checkType(Type type, JsonNode schema, String where, List<String> wrong, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        checkElement(args[0], schema.path("items"), where + "[]", wrong, seen);
      } else if (raw == Map.class) {
        checkElement(args[1], schema.path("additionalProperties"), where + ".*", wrong, seen);
      }
      return;
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord()) {
      checkRecord(c, schema, where, wrong, seen);
    } else if (c.isEnum()) {
      Set<String> constants = new TreeSet<>();
      Arrays.stream(c.getEnumConstants()).forEach(e -> constants.add(((Enum<?>) e).name()));
      Set<String> listed = new TreeSet<>();
      schema.path("enum").forEach(v -> listed.add(v.asText()));
      if (!listed.equals(constants)) {
        wrong.add(where + ": enum " + c.getSimpleName() + " " + constants + ", schema " + listed);
      }
    } else if (c == boolean.class || c == Boolean.class) {
      expectType(schema, "boolean", where, wrong);
    } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      expectType(schema, "integer", where, wrong);
    } else if (c == double.class || c == Double.class) {
      expectType(schema, "number", where, wrong);
    }
  }

  private static void checkElement(Type element, JsonNode schema, String where, List<String> wrong, Set<Class<?>> seen) {
    if (element instanceof Class<?> c && (c.isRecord() || c.isEnum())) {
      if (schema.isMissingNode()) {
        wrong.add(where + ": no schema for the elements");
        return;
      }
      checkType(c, PlanSchemaFile.resolve(schema), where, wrong, seen);
    }
  }

  private static void expectType(JsonNode schema, String type, String where, List<String> wrong) {
    if (!type.equals(schema.path("type").asText())) {
      wrong.add(where + ": expected type " + type + ", schema has " + schema.path("type"));
    }
  }

  /** A component's key in the plan: its {@code @JsonProperty} name where it has one, else its Java name. */
  private static String planKey(RecordComponent c) {
    Method accessor = c.getAccessor();
    JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
    return renamed == null || renamed.value().isEmpty() ? c.getName() : renamed.value();
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
