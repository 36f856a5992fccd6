package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON shape of a {@link StepSpec}: {@code name}, {@code retry}, the body under its kind's key, then the step's
 * other options, in that order (the order the record had when each kind was a component of its own, so activity
 * inputs stay what committed histories hold). Options that are null are left out, as they always were, and keys
 * that bind nothing, such as {@code description}, are ignored.
 */
final class StepSpecJson {
  private static final String BODY = "body";
  private static final List<RecordComponent> COMPONENTS = List.of(StepSpec.class.getRecordComponents());
  // Looked up once: every plan read or written (each run's start, each activity input with a step) goes through here.
  private static final List<String> OPTION_KEYS =
      COMPONENTS.stream().map(RecordComponent::getName).filter(name -> !name.equals(BODY)).toList();
  private static final Map<String, Method> ACCESSORS = COMPONENTS.stream()
      .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, RecordComponent::getAccessor));
  private static final Constructor<StepSpec> CONSTRUCTOR = canonicalConstructor();

  private StepSpecJson() {}

  /** The step's keys besides its kind's: every component of {@link StepSpec} but the body. */
  static List<String> optionKeys() {
    return OPTION_KEYS;
  }

  private static Constructor<StepSpec> canonicalConstructor() {
    try {
      return StepSpec.class.getDeclaredConstructor(COMPONENTS.stream().map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record has its canonical constructor", e);
    }
  }

  static final class Writer extends JsonSerializer<StepSpec> {
    @Override
    public void serialize(StepSpec step, JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeStartObject();
      write(step, "name", json, provider);
      write(step, "retry", json, provider);
      provider.defaultSerializeField(step.kind().key(), step.body(), json);
      for (String option : optionKeys()) {
        if (!option.equals("name") && !option.equals("retry")) {
          write(step, option, json, provider);
        }
      }
      json.writeEndObject();
    }

    private static void write(StepSpec step, String key, JsonGenerator json, SerializerProvider provider) throws IOException {
      Object value = value(step, key);
      if (value != null) {
        provider.defaultSerializeField(key, value, json);
      }
    }
  }

  static final class Reader extends JsonDeserializer<StepSpec> {
    @Override
    public StepSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      ObjectNode step = parser.readValueAsTree();
      StepBody body = body(step, context);
      if (body == null) {
        return context.reportInputMismatch(StepSpec.class, "step '%s' has no kind that StepKind registers; kinds are %s",
            step.path("name").asText(null), StepKind.keys());
      }
      Object[] values = new Object[COMPONENTS.size()];
      for (int i = 0; i < values.length; i++) {
        RecordComponent component = COMPONENTS.get(i);
        JsonNode value = step.get(component.getName());
        if (component.getName().equals(BODY)) {
          values[i] = body;
        } else if (value != null && !value.isNull()) {
          values[i] = context.readTreeAsValue(value, context.constructType(component.getGenericType()));
        }
      }
      try {
        return CONSTRUCTOR.newInstance(values);
      } catch (InvocationTargetException e) {
        throw context.instantiationException(StepSpec.class, e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    private static StepBody body(ObjectNode step, DeserializationContext context) throws IOException {
      for (Iterator<Map.Entry<String, JsonNode>> fields = step.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        StepKind kind = StepKind.fromKey(field.getKey()).orElse(null);
        if (kind != null && !field.getValue().isNull()) {
          return context.readTreeAsValue(field.getValue(), kind.type());
        }
      }
      return null;
    }
  }

  private static Object value(StepSpec step, String name) {
    try {
      return ACCESSORS.get(name).invoke(step);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
