package dev.rehearsal.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.plan.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Request and response bodies as JSON trees, through Jackson's streaming factory only: an ObjectMapper's
 * configuration would cost every command a third of a second before its first request.
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** {@code {"key": "value", ...}}, in the map's order. */
  static ObjectNode object(Map<String, String> values) {
    ObjectNode object = object();
    values.forEach(object::put);
    return object;
  }

  /** The tree of a body; an empty object when it is empty or not JSON (a proxy's HTML error page, say). */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonNode tree = JsonTrees.read(parser);
      return tree == null ? object() : tree;
    } catch (IOException e) {
      return object();
    }
  }

  /** The tree of a body that must be JSON: an object or an array, else empty (not JSON, or a bare value). */
  static java.util.Optional<JsonNode> strict(byte[] body) {
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonNode tree = JsonTrees.read(parser);
      boolean whole = tree != null && tree.isContainerNode() && parser.nextToken() == null;
      return whole ? java.util.Optional.of(tree) : java.util.Optional.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  static byte[] bytes(JsonNode tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      JsonTrees.write(tree, generator);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
