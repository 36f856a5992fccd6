package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plan under the repository's {@code examples/plans/} is valid, checked the way {@code POST /api/v1/plans/validate}
 * checks it, and every plan written from a seed checklist ({@code NNN-name.yaml}) says at its top what of the
 * checklist it cannot express yet.
 */
class ExamplePlansTest {
  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path PLANS = Path.of("..", "examples", "plans");
  private static final Pattern SEED_PLAN = Pattern.compile("\\d{3}-[A-Za-z0-9._-]+\\.ya?ml");
  private static final String NOT_EXPRESSIBLE = "Not expressible yet:";
  private static final Pattern PRODUCTION_LOOKING = Pattern.compile("(?i)prod");

  static List<Path> planFiles() throws IOException {
    try (Stream<Path> files = Files.walk(PLANS)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  static Stream<Named<Path>> plans() throws IOException {
    return planFiles().stream().map(p -> Named.of(p.getFileName().toString(), p));
  }

  static Stream<Named<Path>> seedPlans() throws IOException {
    return plans().filter(p -> SEED_PLAN.matcher(p.getPayload().getFileName().toString()).matches());
  }

  @Test
  void thereIsAPlanForEverySeedAndTheQuickstart() throws IOException {
    assertThat(planFiles()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(planFiles()).extracting(p -> p.getFileName().toString()).contains("quickstart.yaml");
    assertThat(planFiles().stream().filter(p -> SEED_PLAN.matcher(p.getFileName().toString()).matches()))
        .hasSizeGreaterThanOrEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void planHasNoProblems(Path file) throws IOException {
    JsonNode tree = PlanParser.readTree(Files.readString(file));

    List<PlanProblem> problems = PlanParser.problems(tree);

    assertThat(problems).as("problems in %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void productionLookingDatabasesAreReadOnly(Path file) throws IOException {
    JsonNode targets = PlanParser.readTree(Files.readString(file)).path("targets");

    targets.fields().forEachRemaining(e -> {
      JsonNode target = e.getValue();
      String url = target.path("postgres").path("url").asText("");
      if (target.has("postgres") && (PRODUCTION_LOOKING.matcher(e.getKey()).find() || PRODUCTION_LOOKING.matcher(url).find())) {
        assertThat(target.path("readOnly").asBoolean(false)).as("target %s in %s is readOnly", e.getKey(), file).isTrue();
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seedPlans")
  void seedPlanListsWhatItCannotExpressYet(Path file) throws IOException {
    List<String> header = leadingComments(Files.readAllLines(file));
    int heading = header.indexOf(NOT_EXPRESSIBLE);
    assertThat(heading).as("a '# %s' block at the top of %s", NOT_EXPRESSIBLE, file).isNotNegative();

    List<String> items = new ArrayList<>();
    for (String line : header.subList(heading + 1, header.size())) {
      if (line.isEmpty()) {
        break;
      }
      items.add(line);
    }

    assertThat(items).as("lines under '%s' in %s", NOT_EXPRESSIBLE, file).isNotEmpty();
    assertThat(items.get(0)).as("first line under '%s' in %s", NOT_EXPRESSIBLE, file).startsWith("- ");
  }

  /** The comment lines before the first line of YAML, without their '#' and surrounding blanks. */
  private static List<String> leadingComments(List<String> lines) {
    List<String> comments = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("#")) {
        break;
      }
      comments.add(trimmed.substring(1).strip());
    }
    return comments;
  }
}
