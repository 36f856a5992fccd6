package dev.rehearsal.plan;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.Set;

/**
 * YAML as plain data: refuses aliases ({@code *name}, the stuff of billion-laughs documents) and tags other than
 * YAML's standard scalar and collection tags ({@code !!java...}, {@code !custom}). A plan needs neither.
 */
final class PlainYamlParser extends JsonParserDelegate {
  private static final String STANDARD = "tag:yaml.org,2002:";
  private static final Set<String> STANDARD_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");

  private final YAMLParser yaml;

  PlainYamlParser(YAMLParser yaml) {
    super(yaml);
    this.yaml = yaml;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = yaml.nextToken();
    if (yaml.isCurrentAlias()) {
      throw new JsonParseException(this, "YAML aliases (*" + yaml.getText() + ") are not allowed in a plan; repeat the value");
    }
    String tag = yaml.getTypeId();
    if (tag != null && !(tag.startsWith(STANDARD) && STANDARD_TAGS.contains(tag.substring(STANDARD.length())))) {
      throw new JsonParseException(this, "YAML tags other than the standard ones (!!str, !!int, ...) are not allowed in a plan: " + tag);
    }
    return token;
  }

  /** The delegate's own nextValue would bypass the checks above. */
  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }
}
