package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read from and written to Jackson's streaming parser and generator, without an ObjectMapper: building
 * a mapper's configuration costs a command-line start-up about a third of a second. The nodes are the ones
 * {@code ObjectMapper.readTree} makes (int, long or big integer; double unless the parser says otherwise).
 */
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The next value of {@code parser} as a tree; null at the end of the input. */
  public static JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
    return token == null ? null : value(parser, token);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.set(name, value(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          array.add(value(parser, next));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> switch (parser.getNumberTypeFP()) {
        case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
        case FLOAT32 -> NODES.numberNode(parser.getFloatValue());
        default -> NODES.numberNode(parser.getDoubleValue());
      };
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes
          ? NODES.binaryNode(bytes) : NODES.pojoNode(parser.getEmbeddedObject());
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  /** Writes {@code node} (objects, arrays, text, numbers, booleans, null) to {@code generator}. */
  public static void write(JsonNode node, JsonGenerator generator) throws IOException {
    if (node.isObject()) {
      generator.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        generator.writeFieldName(field.getKey());
        write(field.getValue(), generator);
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) {
        write(element, generator);
      }
      generator.writeEndArray();
    } else if (node.isTextual()) {
      generator.writeString(node.textValue());
    } else if (node.isIntegralNumber()) {
      generator.writeNumber(node.bigIntegerValue());
    } else if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      generator.writeNumber(node.doubleValue());
    } else if (node.isNumber()) {
      generator.writeNumber(node.decimalValue());
    } else if (node.isBoolean()) {
      generator.writeBoolean(node.booleanValue());
    } else if (node.isNull() || node.isMissingNode()) {
      generator.writeNull();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }
}
