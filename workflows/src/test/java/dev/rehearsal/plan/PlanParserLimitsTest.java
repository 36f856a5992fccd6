package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The YAML reader refuses what no plan needs and what makes parsing expensive, each with a message that says why. */
class PlanParserLimitsTest {

  @Test
  void aliasesAreRefusedNamingTheAlias() {
    String laughs = """
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        """;
    assertThat(message(laughs)).contains("aliases (*a) are not allowed", "line 2");
  }

  @Test
  void customAndJavaTagsAreRefusedButStandardTagsRead() {
    assertThat(message("name: !!java.net.URL [\"http://example.com\"]\n")).contains("tags", "java.net.URL");
    assertThat(message("name: !custom thing\n")).contains("tags", "custom");
    JsonNode standard = PlanParser.readTree("name: !!str 123\ncount: !!int 3\n");
    assertThat(standard.get("name").asText()).isEqualTo("123");
    assertThat(standard.get("count").asInt()).isEqualTo(3);
  }

  @Test
  void deepNestingIsRefusedWithTheLimit() {
    assertThat(message("a: " + "[".repeat(60) + "]".repeat(60) + "\n")).contains("nesting depth", "50");
    assertThat(message("{\"a\": " + "{\"b\": ".repeat(60) + "1" + "}".repeat(61))).contains("nesting depth", "50");
  }

  @Test
  void textLongerThanThePlanLimitIsRefusedBeforeParsing() {
    String huge = "name: \"" + "a".repeat(PlanParser.MAX_PLAN_CHARS) + "\"\n";
    assertThat(message(huge)).contains("longer than " + PlanParser.MAX_PLAN_CHARS + " characters");
  }

  @Test
  void repeatedKeysAreStillRefused() {
    assertThat(message("phases:\n  smoke: []\n  smoke: []\n")).contains("Duplicate field 'smoke'");
  }

  @Test
  void aSecondDocumentIsRefusedNamingItsLineNotIgnored() {
    assertThat(message("name: first\nenvironment: staging\n---\nname: second\n"))
        .contains("a second YAML document at line 4", "one document");
    assertThat(PlanParser.readTree("---\nname: only\n").get("name").asText()).isEqualTo("only");
    assertThat(PlanParser.readTree("name: only\n...\n").get("name").asText()).isEqualTo("only");
  }

  @Test
  void anchorsWithoutAliasesAndOrdinaryPlansStillRead() {
    JsonNode tree = PlanParser.readTree("name: &n demo\nenvironment: staging\n");
    assertThat(tree.get("name").asText()).isEqualTo("demo");
  }

  private static String message(String text) {
    InvalidPlanException e = catchThrowableOfType(() -> PlanParser.readTree(text), InvalidPlanException.class);
    assertThat(e).as("refused: " + text.substring(0, Math.min(60, text.length()))).isNotNull();
    assertThat(e.problems()).extracting(PlanProblem::path).containsExactly("");
    return e.problems().get(0).message();
  }
}
