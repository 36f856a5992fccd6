package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The committed plan schema, {@code docs/plan.schema.json}, as JSON and as a draft 2020-12 validator. */
public final class PlanSchemaFile {
  /** Relative to the module directory, where Maven runs the tests. */
  static final Path PATH = Path.of("..", "docs", "plan.schema.json");
  /** What every example plan starts with, so editors find the schema (the path is relative to examples/plans/). */
  static final String MODELINE = "# yaml-language-server: $schema=../../docs/plan.schema.json";

  private static final JsonNode TREE = read();
  private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(TREE);

  private PlanSchemaFile() {}

  static JsonNode tree() {
    return TREE;
  }

  /** The kind each shape of the step's {@code oneOf} requires: the step kinds the schema tells apart. */
  public static Set<String> stepShapeKinds() {
    Set<String> shapes = new TreeSet<>();
    TREE.at("/$defs/step/oneOf").forEach(shape -> shapes.add(shape.get("required").get(0).asText()));
    return shapes;
  }

  /** The keys a step may hold: the properties of the schema's step object. */
  public static Set<String> stepProperties() {
    Set<String> names = new TreeSet<>();
    TREE.at("/$defs/step/properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** What the schema finds wrong with a plan tree, one line per error; empty when it accepts the plan. */
  static List<String> errors(JsonNode plan) {
    return SCHEMA.validate(plan).stream().map(Object::toString).toList();
  }

  /** The schema node a local {@code $ref} ("#/$defs/...") points at, followed until it is not a reference. */
  static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = TREE.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(PATH.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
