package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The expectation language's operators mean what docs/plans.md says, and a failure names pointer, value and expectation. */
class ValueCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DOC = json("""
      {"metrics": {"p95": 120}, "empty": [], "blank": "", "none": null, "count": 3, "countText": "3",
       "state": "done", "success": true, "ratio": 1.0, "id": "req-42"}
      """);

  @Test
  void aBareValueMeansEqualsAsItAlwaysDidWithTheSameMessage() {
    assertThat(Expectations.onJson(Map.of("/success", json("true"), "/ratio", json("1")), DOC)).isEmpty();
    assertThat(Expectations.onJson(Map.of("/state", json("\"running\"")), DOC))
        .containsExactly("/state is \"done\", expected \"running\"");
    assertThat(Expectations.onJson(Map.of("/missing", json("1")), DOC)).containsExactly("/missing is missing, expected 1");
  }

  @Test
  void eachOperatorHoldsAndFailsAsDocumented() {
    assertHolds("/count", "{\"exists\": true}");
    assertHolds("/nope", "{\"exists\": false}");
    assertHolds("/none", "{\"exists\": true}");
    assertHolds("/metrics", "{\"nonEmpty\": true}");
    assertHolds("/empty", "{\"nonEmpty\": false}");
    assertHolds("/count", "{\">=\": 3, \"<\": 4, \">\": 2.5, \"<=\": 3}");
    assertHolds("/countText", "{\">\": 2}");
    assertHolds("/countText", "{\"equals\": 3}");
    assertHolds("/state", "{\"in\": [\"done\", \"skipped\"]}");
    assertHolds("/state", "{\"!=\": \"running\"}");
    assertHolds("/id", "{\"matches\": \"^req-\\\\d+$\"}");
    assertHolds("/metrics", "{\"equals\": {\"p95\": 120.0}}");

    assertFails("/count", "{\">=\": 5}", "/count is 3, expected >= 5");
    assertFails("/blank", "{\"nonEmpty\": true}", "/blank is \"\", expected non-empty");
    assertFails("/none", "{\"nonEmpty\": true}", "/none is null, expected non-empty");
    assertFails("/nope", "{\"exists\": true}", "/nope is missing, expected present");
    assertFails("/count", "{\"exists\": false}", "/count is 3, expected absent");
    assertFails("/state", "{\"in\": [\"queued\"]}", "/state is \"done\", expected in [\"queued\"]");
    assertFails("/state", "{\">\": 1}", "/state is \"done\", expected > 1");
    assertFails("/nope", "{\"!=\": 1}", "/nope is missing, expected != 1");
    assertFails("/id", "{\"matches\": \"^x\"}", "/id is \"req-42\", expected matches /^x/");
  }

  @Test
  void everyOperatorOfOneExpectationMustHold() {
    assertThat(Expectations.onJson(Map.of("/count", json("{\">\": 1, \"<\": 2}")), DOC))
        .containsExactly("/count is 3, expected < 2");
  }

  @Test
  void headersAreCheckedByNameWithTheSameOperators() {
    Map<String, String> headers = Map.of("x-request-id", "abc");
    var lookup = (java.util.function.Function<String, Optional<String>>) name ->
        Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));

    assertThat(Expectations.onHeaders(Map.of("X-Request-ID", json("{\"matches\": \".+\"}")), lookup)).isEmpty();
    assertThat(Expectations.onHeaders(Map.of("X-Request-ID", json("\"abc\"")), lookup)).isEmpty();
    assertThat(Expectations.onHeaders(Map.of("X-Trace", json("{\"present\": true}")), lookup))
        .containsExactly("header X-Trace is missing, expected present");
  }

  @Test
  void textThatIsNotJsonFailsEveryPointerAtOnce() {
    assertThat(Expectations.onJsonText(Map.of("/a", json("1")), "not json", "stdout"))
        .containsExactly("stdout is not JSON, so [/a] cannot be checked");
    assertThat(Expectations.onJsonText(null, "not json", "stdout")).isEmpty();
  }

  private static void assertHolds(String pointer, String expectation) {
    assertThat(Expectations.onJson(Map.of(pointer, json(expectation)), DOC)).as(pointer + " " + expectation).isEmpty();
  }

  private static void assertFails(String pointer, String expectation, String message) {
    assertThat(Expectations.onJson(Map.of(pointer, json(expectation)), DOC)).isEqualTo(List.of(message));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
