package dev.rehearsal.activities.outputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.OutputSpec;
import dev.rehearsal.workflows.steps.OutputRequest;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outputs a step declared, taken from what it produced. Each secret value is masked in the attempt's scope the
 * moment it is taken, so evidence and messages written afterwards never hold it. A value that cannot be taken is a
 * problem of the step (it fails), named by output and source but never quoting a value.
 */
public final class TakenOutputs {
  /** Ordinary values go into history and the run state: a bound keeps them readable there. */
  static final int MAX_VALUE_CHARS = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OutputRequest request;
  private final SecretScope secrets;
  private final Map<String, String> values = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  /** @param request what the step declared (null when nothing) */
  public TakenOutputs(OutputRequest request, SecretScope secrets) {
    this.request = request;
    this.secrets = secrets;
  }

  public TakenOutputs fromHttp(int status, HttpHeaders headers, byte[] body) {
    JsonText parsed = new JsonText(new String(body, StandardCharsets.UTF_8), "the body");
    return take(output -> {
      if (output.json() != null) {
        return parsed.at(output.json());
      }
      if (output.header() != null) {
        return headers.firstValue(output.header()).map(Taken::of)
            .orElse(Taken.missing("the response has no header " + output.header()));
      }
      return Taken.of(String.valueOf(status));
    });
  }

  /** @param files reads a file the command wrote, relative to its working directory */
  public TakenOutputs fromCommand(byte[] stdout, Function<String, Taken> files) {
    String text = new String(stdout, StandardCharsets.UTF_8);
    JsonText parsed = new JsonText(text, "stdout");
    return take(output -> {
      if (output.regex() != null) {
        Matcher m = Pattern.compile(output.regex(), Pattern.MULTILINE).matcher(text);
        return m.find() && m.group(1) != null ? Taken.of(m.group(1)) : Taken.missing("stdout does not match /" + output.regex() + "/");
      }
      if (output.json() != null) {
        return parsed.at(output.json());
      }
      return files.apply(output.file());
    });
  }

  /** @param firstRow the first row by column name, or null when the query returned none */
  /** From the first row as an object keyed by column (null when there was none); a json column is handed on as JSON. */
  public TakenOutputs fromRow(JsonNode firstRow) {
    return take(output -> {
      if (firstRow == null) {
        return Taken.missing("the query returned no rows");
      }
      JsonNode value = firstRow.get(output.column());
      if (value == null) {
        List<String> columns = new ArrayList<>();
        firstRow.fieldNames().forEachRemaining(columns::add);
        return Taken.missing("the result has no column " + output.column() + "; it has " + columns);
      }
      if (value.isNull()) {
        return Taken.missing("column " + output.column() + " is NULL in the first row");
      }
      return Taken.of(value.isValueNode() ? value.asText() : value.toString());
    });
  }

  private TakenOutputs take(Function<OutputSpec, Taken> source) {
    if (request == null) {
      return this;
    }
    Map<String, Taken> taken = new TreeMap<>();
    request.outputs().forEach((name, output) -> taken.put(name, source.apply(output)));
    // Secret values first, so that an ordinary output can be checked against them all.
    taken.forEach((name, value) -> {
      if (value.value() != null && request.outputs().get(name).keptSecret()) {
        secrets.reveal(value.value());
        values.put(name, value.value());
      }
    });
    taken.forEach((name, value) -> {
      if (value.value() == null) {
        problems.add("output " + name + ": " + value.why());
      } else if (!request.outputs().get(name).keptSecret()) {
        ordinary(name, value.value()).ifPresentOrElse(problems::add, () -> values.put(name, value.value()));
      }
    });
    return this;
  }

  /** Why an ordinary value may not go into history and later steps, if it may not. */
  private Optional<String> ordinary(String name, String value) {
    if (value.length() > MAX_VALUE_CHARS) {
      return Optional.of("output " + name + " is longer than " + MAX_VALUE_CHARS + " characters");
    }
    if (!secrets.mask(value).equals(value)) {
      return Optional.of("output " + name + " holds a secret value; mark it 'secret: true'");
    }
    if (value.contains("${")) {
      // Substituted into a later step, it would be read as a reference: an answer from the system under test
      // could make the worker resolve one of its secrets into a request.
      return Optional.of("output " + name + " holds '${', which a later step would read as a reference");
    }
    return Optional.empty();
  }

  /** Why outputs could not be taken; empty when all were. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Keeps each secret value where the next steps' workers find it (durably, before this returns) and answers the
   * ordinary ones, which go into history.
   */
  public Map<String, String> handOn() {
    Map<String, String> ordinary = new TreeMap<>();
    values.forEach((name, value) -> {
      if (request.outputs().get(name).keptSecret()) {
        secrets.keepOutput(request.step(), name, value);
      } else {
        ordinary.put(name, value);
      }
    });
    return ordinary;
  }

  /** A value taken, or why there is none. */
  public record Taken(String value, String why) {
    public static Taken of(String value) {
      return new Taken(value, null);
    }

    public static Taken missing(String why) {
      return new Taken(null, why);
    }
  }

  /** Text read as JSON once, on first use. */
  private static final class JsonText {
    private final String text;
    private final String what;
    private JsonNode tree;
    private boolean failed;

    JsonText(String text, String what) {
      this.text = text;
      this.what = what;
    }

    Taken at(String pointer) {
      if (tree == null && !failed) {
        try {
          tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          failed = true;
        }
      }
      if (tree == null) {
        return Taken.missing(what + " is not JSON");
      }
      JsonNode node = tree.at(pointer);
      if (node.isMissingNode() || node.isNull()) {
        return Taken.missing(pointer + " is " + (node.isNull() ? "null" : "missing") + " in " + what);
      }
      return Taken.of(node.isValueNode() ? node.asText() : node.toString());
    }
  }
}
