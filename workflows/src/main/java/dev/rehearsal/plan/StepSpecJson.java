package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
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
  private static final List<String> COMPONENT_NAMES = COMPONENTS.stream().map(RecordComponent::getName).toList();
  // Looked up once: every plan read or written (each run's start, each activity input with a step) goes through here.
  private static final List<String> OPTION_KEYS =
      COMPONENT_NAMES.stream().filter(name -> !name.equals(BODY)).toList();
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

  /**
   * Reads a step straight off the parser with the deserializers of its components and kinds found once per mapper
   * ({@link #resolve}): every run's start reads its whole plan on the workflow thread, and building a tree per step and
   * then a parser per component over it cost more than the rest of the read. The first kind key with a value is the
   * body; null options stay null; keys that bind nothing are skipped.
   */
  static final class Reader extends StdDeserializer<StepSpec> implements ResolvableDeserializer {
    private static final int BODY_INDEX = COMPONENT_NAMES.indexOf(BODY);
    private static final int NAME_INDEX = COMPONENT_NAMES.indexOf("name");
    private Map<String, Option> options = Map.of();
    private Map<String, JsonDeserializer<Object>> bodies = Map.of();

    Reader() {
      super(StepSpec.class);
    }

    private record Option(int index, JsonDeserializer<Object> deserializer) {}

    /** Kept in the mapper's cache once resolved, so that each mapper resolves it once (not once per use site). */
    @Override
    public boolean isCachable() {
      return true;
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
      Map<String, Option> byKey = new HashMap<>();
      for (int i = 0; i < COMPONENTS.size(); i++) {
        RecordComponent component = COMPONENTS.get(i);
        if (i != BODY_INDEX) {
          byKey.put(component.getName(), new Option(i, deserializer(context, component.getGenericType())));
        }
      }
      Map<String, JsonDeserializer<Object>> byKind = new HashMap<>();
      for (StepKind kind : StepKind.values()) {
        byKind.put(kind.key(), deserializer(context, kind.type()));
      }
      options = Map.copyOf(byKey);
      bodies = Map.copyOf(byKind);
    }

    private static JsonDeserializer<Object> deserializer(DeserializationContext context, Type type)
        throws JsonMappingException {
      return context.findRootValueDeserializer(context.constructType(type));
    }

    @Override
    public StepSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        token = parser.nextToken();
      } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
        return (StepSpec) context.handleUnexpectedToken(StepSpec.class, parser);
      }
      Object[] values = new Object[COMPONENTS.size()];
      StepBody body = null;
      for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String key = parser.currentName();
        boolean isNull = parser.nextToken() == JsonToken.VALUE_NULL;
        Option option = options.get(key);
        JsonDeserializer<Object> kind = bodies.get(key);
        if (option != null) {
          values[option.index()] = isNull ? null : option.deserializer().deserialize(parser, context);
        } else if (kind != null && body == null && !isNull) {
          body = (StepBody) kind.deserialize(parser, context);
        } else {
          parser.skipChildren();
        }
      }
      if (body == null) {
        return context.reportInputMismatch(StepSpec.class, "step '%s' has no kind that StepKind registers; kinds are %s",
            values[NAME_INDEX], StepKind.keys());
      }
      values[BODY_INDEX] = body;
      try {
        return CONSTRUCTOR.newInstance(values);
      } catch (InvocationTargetException e) {
        throw context.instantiationException(StepSpec.class, e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
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
