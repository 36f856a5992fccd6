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
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON shape of a {@link StepSpec}: {@code name}, {@code retry}, then the body under its kind's key, in that
 * order (the order the record had when each kind was a component of its own, so activity inputs stay byte for byte
 * what committed histories hold). Keys that bind nothing, such as {@code description}, are ignored as before.
 */
final class StepSpecJson {
  private StepSpecJson() {}

  static final class Writer extends JsonSerializer<StepSpec> {
    @Override
    public void serialize(StepSpec step, JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeStartObject();
      if (step.name() != null) {
        json.writeStringField("name", step.name());
      }
      if (step.retry() != null) {
        provider.defaultSerializeField("retry", step.retry(), json);
      }
      provider.defaultSerializeField(step.kind().key(), step.body(), json);
      json.writeEndObject();
    }
  }

  static final class Reader extends JsonDeserializer<StepSpec> {
    @Override
    public StepSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      ObjectNode step = parser.readValueAsTree();
      String name = step.path("name").isNull() || step.path("name").isMissingNode() ? null : step.get("name").asText();
      RetrySpec retry = step.hasNonNull("retry") ? context.readTreeAsValue(step.get("retry"), RetrySpec.class) : null;
      StepBody body = null;
      for (Iterator<Map.Entry<String, JsonNode>> fields = step.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        StepKind kind = StepKind.fromKey(field.getKey()).orElse(null);
        if (kind != null && !field.getValue().isNull()) {
          body = context.readTreeAsValue(field.getValue(), kind.type());
        }
      }
      if (body == null) {
        return context.reportInputMismatch(StepSpec.class,
            "step '%s' has no kind that StepKind registers; kinds are %s", name, StepKind.keys());
      }
      return new StepSpec(name, retry, body);
    }
  }
}
