package dev.rehearsal.activities.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * A result row as a JSON object keyed by column label, for {@code sql.expect.json}: numbers and booleans keep their
 * type, json and jsonb columns are parsed (so a pointer can reach inside them), everything else is text.
 */
final class SqlRowJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SqlRowJson() {}

  static ObjectNode of(ResultSet row) throws SQLException {
    ResultSetMetaData meta = row.getMetaData();
    ObjectNode object = NODES.objectNode();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      object.set(meta.getColumnLabel(c), cell(row, c, meta.getColumnTypeName(c)));
    }
    return object;
  }

  private static JsonNode cell(ResultSet row, int column, String type) throws SQLException {
    Object value = row.getObject(column);
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n && finite(n)) {
      return NODES.numberNode(new BigDecimal(n.toString()));
    }
    String text = row.getString(column);
    if ("json".equals(type) || "jsonb".equals(type)) {
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException notJson) {
        return NODES.textNode(text);
      }
    }
    return NODES.textNode(text);
  }

  /** NaN and the infinities (float columns can hold them) are no JSON numbers: they stay text. */
  private static boolean finite(Number n) {
    return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
  }
}
