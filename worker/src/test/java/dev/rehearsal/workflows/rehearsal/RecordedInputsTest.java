package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.load.LoadActivities;
import dev.rehearsal.workflows.postgres.PostgresActivities;
import dev.rehearsal.workflows.steps.StepActivities;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON of a run's input and of every step activity's input, as committed histories recorded it, reads into
 * today's types and writes back with nothing renamed or dropped (fields added since may appear, nulls may be left
 * out), and every step of
 * the plan writes back exactly as recorded, keys in the same order: name, retry, then the body under its kind's key.
 */
class RecordedInputsTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Each step activity type's input type, read from the interfaces the workflow calls. */
  private static final Map<String, Type> STEP_INPUTS = stepInputTypes();

  /** The committed histories of rehearsal runs (the archive's own histories carry no plan or step). */
  static Stream<Path> histories() throws Exception {
    List<Path> runs = new ArrayList<>();
    for (Path history : HistoryReplayTest.histories()) {
      if (Files.readString(history).contains("\"name\": \"" + RehearsalWorkflow.TYPE + "\"")) {
        runs.add(history);
      }
    }
    assertThat(runs).hasSizeGreaterThanOrEqualTo(10);
    return runs.stream();
  }

  @ParameterizedTest
  @MethodSource("histories")
  void runAndStepInputsReadAndWriteAsRecorded(Path history) throws Exception {
    List<String> changed = new ArrayList<>();
    int checked = 0;
    for (HistoryEvent event : WorkflowExecutionHistory.fromJson(Files.readString(history)).getEvents()) {
      if (event.hasWorkflowExecutionStartedEventAttributes()
          && event.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName().equals(RehearsalWorkflow.TYPE)) {
        checked += roundTrip(event.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0),
            RehearsalInput.class, "run input", changed);
      } else if (event.hasActivityTaskScheduledEventAttributes()) {
        String type = event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        if (STEP_INPUTS.containsKey(type)) {
          checked += roundTrip(event.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0),
              STEP_INPUTS.get(type), type, changed);
        }
      }
    }

    assertThat(changed).as("inputs that no longer write as recorded").isEmpty();
    assertThat(checked).as("inputs checked").isPositive();
  }

  private static int roundTrip(Payload recorded, Type type, String what, List<String> changed) throws IOException {
    Object read = CONVERTER.fromPayload(recorded, (Class<?>) type, type);
    JsonNode before = JSON.readTree(recorded.getData().toByteArray());
    JsonNode after = JSON.readTree(CONVERTER.toPayload(read).orElseThrow().getData().toByteArray());
    if (!contains(after, before)) {
      changed.add(what + " lost or changed recorded fields:\n  recorded " + before + "\n  now      " + after);
    }
    before.path("plan").path("phases").fields().forEachRemaining(phase -> {
      for (int i = 0; phase.getValue().isArray() && i < phase.getValue().size(); i++) {
        JsonNode step = phase.getValue().path(i);
        JsonNode now = after.at("/plan/phases/" + phase.getKey() + "/" + i);
        if (!step.equals(now) || !fieldNames(step).equals(fieldNames(now))) {
          changed.add(what + " step " + phase.getKey() + "[" + i + "]:\n  recorded " + step + "\n  now      " + now);
        }
      }
    });
    return 1;
  }

  /** Whether {@code now} holds everything {@code recorded} held, with the same values (maps compared by key). */
  private static boolean contains(JsonNode now, JsonNode recorded) {
    if (recorded.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = recorded.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        // A recorded null may now be left out: readers take a missing field as null.
        boolean leftOutNull = field.getValue().isNull() && !now.has(field.getKey());
        if (!leftOutNull && (!now.has(field.getKey()) || !contains(now.get(field.getKey()), field.getValue()))) {
          return false;
        }
      }
      return now.isObject();
    }
    if (recorded.isArray()) {
      if (!now.isArray() || now.size() != recorded.size()) {
        return false;
      }
      for (int i = 0; i < recorded.size(); i++) {
        if (!contains(now.get(i), recorded.get(i))) {
          return false;
        }
      }
      return true;
    }
    return recorded.equals(now);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, Type> stepInputTypes() {
    Map<String, Type> inputs = new HashMap<>();
    for (Class<?> api : List.of(StepActivities.class, PostgresActivities.class, LoadActivities.class)) {
      POJOActivityInterfaceMetadata.newInstance(api).getMethodsMetadata().forEach(m -> {
        if (m.getMethod().getParameterCount() == 1) {
          inputs.put(m.getActivityTypeName(), m.getMethod().getGenericParameterTypes()[0]);
        }
      });
    }
    return inputs;
  }
}
