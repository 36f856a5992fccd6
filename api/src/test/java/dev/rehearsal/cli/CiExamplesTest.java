package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The pipelines in examples/ci cannot rot or leak: every {@code rehearsal} command and flag they use is one {@link Cli}
 * has, the token only ever reaches the CLI through REHEARSAL_TOKEN from the CI's secret store, the JUnit report is
 * published, and plans are validated on every push while a rehearsal starts on a release tag.
 */
class CiExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "ci");
  private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--?[a-z][a-z-]*");
  private static final Pattern FROM_SECRET = Pattern.compile("\\$\\{\\{\\s*secrets\\.[A-Za-z0-9_]+\\s*}}");

  /** One {@code rehearsal COMMAND ARGS...} in a script, and the job it is in. */
  private record Invocation(String job, String command, List<String> args) {}

  @Test
  void githubActionsValidatesOnEveryPushAndRehearsesATagWithTheTokenFromASecret() throws IOException {
    Map<String, Object> workflow = load("github-actions.yml");
    Map<String, Object> jobs = map(workflow.get("jobs"));
    List<Invocation> calls = new ArrayList<>();
    jobs.forEach((name, job) -> list(map(job).get("steps")).forEach(step -> calls.addAll(invocations(name, String.valueOf(map(step).getOrDefault("run", ""))))));

    Map<String, Object> on = map(workflow.containsKey("on") ? workflow.get("on") : workflow.get(true));
    assertThat(map(on.get("push"))).containsKey("tags");
    Invocation validate = single(calls, "validate");
    assertThat(map(jobs.get(validate.job()))).as("validation runs on every push").doesNotContainKey("if");
    Invocation start = single(calls, "start");
    assertThat(String.valueOf(map(jobs.get(start.job())).get("if"))).contains("refs/tags/");
    assertThat(start.args()).contains("--rc", "--follow");

    for (Invocation call : calls) {
      if (!call.command().equals("validate")) {
        Object token = map(map(jobs.get(call.job())).get("env")).getOrDefault("REHEARSAL_TOKEN", map(workflow.get("env")).get("REHEARSAL_TOKEN"));
        assertThat(String.valueOf(token)).as("REHEARSAL_TOKEN in job %s's env, from a secret", call.job()).matches(FROM_SECRET);
      }
    }
    List<Map<String, Object>> steps = list(map(jobs.get(start.job())).get("steps")).stream().map(CiExamplesTest::map).toList();
    assertThat(steps).as("the JUnit report is published even when the rehearsal failed").anySatisfy(step -> {
      assertThat(String.valueOf(step.get("uses"))).matches("(dorny/test-reporter|actions/upload-artifact)@.*");
      assertThat(String.valueOf(step.get("if"))).contains("always()");
      assertThat(String.valueOf(map(step.get("with")).get("path"))).isEqualTo("rehearsal-junit.xml");
    });
    assertRealAndTokenFree("github-actions.yml", calls);
  }

  @Test
  void gitlabCiValidatesOnEveryPushAndRehearsesATagWithTheTokenFromItsVariables() throws IOException {
    Map<String, Object> pipeline = load("gitlab-ci.yml");
    assertThat(map(pipeline.get("variables"))).doesNotContainKey("REHEARSAL_TOKEN");
    List<Invocation> calls = new ArrayList<>();
    pipeline.forEach((name, job) -> {
      if (job instanceof Map<?, ?> spec) {
        for (String part : List.of("before_script", "script", "after_script")) {
          Object script = spec.get(part);
          List<?> lines = script instanceof List<?> l ? l : script == null ? List.of() : List.of(script);
          lines.forEach(line -> calls.addAll(invocations(name, String.valueOf(line))));
        }
        assertThat(map(spec.get("variables"))).as("REHEARSAL_TOKEN is a masked CI/CD variable, never written in %s", name)
            .doesNotContainKey("REHEARSAL_TOKEN");
      }
    });

    Invocation validate = single(calls, "validate");
    assertThat(map(pipeline.get(validate.job()))).as("validation runs on every push").doesNotContainKeys("rules", "only");
    Invocation start = single(calls, "start");
    Map<String, Object> rehearse = map(pipeline.get(start.job()));
    assertThat(String.valueOf(rehearse.get("rules"))).contains("$CI_COMMIT_TAG");
    assertThat(start.args()).contains("--rc", "$CI_COMMIT_TAG", "--follow");
    Map<String, Object> artifacts = map(rehearse.get("artifacts"));
    assertThat(artifacts.get("when")).isEqualTo("always");
    assertThat(map(artifacts.get("reports")).get("junit")).isEqualTo("rehearsal-junit.xml");
    assertRealAndTokenFree("gitlab-ci.yml", calls);
  }

  /** Every command and flag is one of Cli's, the JUnit report is written, and no argument carries a token. */
  private static void assertRealAndTokenFree(String file, List<Invocation> calls) throws IOException {
    Map<String, Set<String>> usage = cliUsage();
    List<String> unknown = new ArrayList<>();
    for (Invocation call : calls) {
      Set<String> flags = usage.get(call.command());
      if (flags == null) {
        unknown.add(call.command() + " (no such command)");
        continue;
      }
      call.args().stream().filter(a -> a.startsWith("-")).map(a -> a.split("=", 2)[0])
          .filter(flag -> !flags.contains(flag) && !CliArgs.CONNECTION.contains(flag))
          .forEach(flag -> unknown.add(call.command() + " " + flag));
      assertThat(call.args()).as("%s: no token in the arguments of rehearsal %s", file, call.command())
          .noneMatch(a -> a.startsWith("--token") && !a.startsWith("--token-file"))
          .noneMatch(a -> a.contains("TOKEN") || a.contains("secrets."));
    }
    assertThat(unknown).as("%s uses only what the CLI has", file).isEmpty();
    assertThat(calls).filteredOn(c -> c.command().equals("report")).singleElement()
        .satisfies(report -> assertThat(String.join(" ", report.args())).contains("--format junit", "-o rehearsal-junit.xml"));
    assertThat(Files.readString(EXAMPLES.resolve(file))).as("the token is never expanded into a script")
        .doesNotContain("$REHEARSAL_TOKEN", "${REHEARSAL_TOKEN}");
    // The job waits for sign-off for at most 6h; the run waits as long as its sign-off timeout: the example must say
    // what makes the run end first, with the real default.
    assertThat(Files.readString(EXAMPLES.resolve(file))).as("%s: job limit vs sign-off timeout", file)
        .contains("(default " + dev.rehearsal.plan.SignoffSpec.DEFAULT_TIMEOUT + ")", "signoff: { timeout: 5h }", "ends after 6h",
            "--until signoff");
  }

  /** Each command of {@code rehearsal help} with the flags its usage line names. */
  private static Map<String, Set<String>> cliUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Cli.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
    assertThat(exit).isZero();
    Map<String, Set<String>> usage = new HashMap<>();
    out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("  rehearsal ")).forEach(line -> {
      String[] words = line.strip().split("\\s+", 3);
      Matcher flags = FLAG.matcher(words.length > 2 ? words[2] : "");
      Set<String> names = new java.util.HashSet<>();
      while (flags.find()) {
        names.add(flags.group());
      }
      usage.put(words[1], names);
    });
    return usage;
  }

  /** Every {@code java -jar ...rehearsal.jar CMD ...} or {@code rehearsal CMD ...} in a script, up to its end. */
  private static List<Invocation> invocations(String job, String script) {
    List<Invocation> found = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      List<String> words = words(line);
      for (int i = 0; i < words.size(); i++) {
        int command = words.get(i).equals("java") && i + 2 < words.size() && words.get(i + 1).equals("-jar")
            && words.get(i + 2).endsWith("rehearsal.jar") ? i + 3
            : words.get(i).equals("rehearsal") || words.get(i).endsWith("/rehearsal") ? i + 1 : -1;
        if (command < 0 || command >= words.size()) {
          continue;
        }
        int end = command + 1;
        while (end < words.size() && !Set.of("|", ";", "&", ")").contains(words.get(end)) && !words.get(end).matches("\\d?>.*")) {
          end++;
        }
        found.add(new Invocation(job, words.get(command), List.copyOf(words.subList(command + 1, end))));
        i = end;
      }
    }
    return found;
  }

  /** A shell line's words, quotes removed, with {@code | ; & )} as words of their own. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (Character.isWhitespace(c) || "|;&)".indexOf(c) >= 0) {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          words.add(String.valueOf(c));
        }
      } else {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }

  private static Invocation single(List<Invocation> calls, String command) {
    List<Invocation> matching = calls.stream().filter(c -> c.command().equals(command)).toList();
    assertThat(matching).as("rehearsal %s in %s", command, calls).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, Object> load(String file) throws IOException {
    return map(new Yaml().load(Files.readString(EXAMPLES.resolve(file))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
