package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schema accepts what the validator accepts and refuses the mistakes editors should underline: every
 * example plan validates against it, and each broken plan below is refused by both, the validator naming the path.
 */
class PlanSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: schema-cases
      environment: staging
      targets:
        app:
          http:
            baseUrl: http://127.0.0.1:8080
        db:
          postgres:
            url: postgresql://127.0.0.1:5432/app
      phases:
        preflight:
          - name: tools
            command:
              run: [echo, ok]
        snapshot:
          - name: snap
            postgres.snapshot:
              from: db
        smoke:
          - name: health
            http:
              target: app
              path: /health
        signoff:
          approvers:
            required: 1
      """;

  /** One change to {@link #PLAN}: set {@code key} under the object at {@code parent} (a JSON Pointer) to {@code yaml}. */
  record Change(String parent, String key, String yaml) {
    JsonNode applyTo(JsonNode plan) throws IOException {
      ObjectNode copy = plan.deepCopy();
      ((ObjectNode) copy.at(parent)).set(key, YAML.readTree(yaml));
      return copy;
    }
  }

  /** A broken plan: the change, and the path the validator reports. */
  record Broken(Change change, String problemPath) {}

  static Stream<Named<Broken>> brokenPlans() {
    return Stream.of(
        broken("unknown top-level key", "", "colour", "blue", "colour"),
        broken("unknown key in a command", "/phases/preflight/0/command", "timout", "5m", "phases.preflight[0].command.timout"),
        broken("misspelt step kind", "/phases", "migrate", "[{name: m, comand: {run: [echo]}}]", "phases.migrate[0].comand"),
        broken("unknown phase", "/phases", "smok", "[]", "phases.smok"),
        broken("wrong type: text for a number", "/phases/preflight/0", "retry", "{maxAttempts: three}",
            "phases.preflight[0].retry.maxAttempts"),
        broken("wrong type: text for a flag", "/phases/preflight/0/command", "shell", "yes please",
            "phases.preflight[0].command.shell"),
        broken("one string without a shell", "/phases/preflight/0/command", "run", "echo ok", "phases.preflight[0].command.run"),
        broken("out of range: no attempts", "/phases/preflight/0", "retry", "{maxAttempts: 0}",
            "phases.preflight[0].retry.maxAttempts"),
        broken("out of range: compression level", "/phases/snapshot/0/postgres.snapshot", "compress", "12",
            "phases.snapshot[0].postgres.snapshot.compress"),
        broken("out of range: exit code", "/phases/preflight/0/command", "expect", "{exit: [0, 256]}",
            "phases.preflight[0].command.expect.exit"),
        broken("out of range: status code", "/phases/smoke/0/http", "expect", "{status: 600}", "phases.smoke[0].http.expect.status"),
        broken("not a duration", "/phases/smoke/0/http", "timeout", "5 minutes", "phases.smoke[0].http.timeout"),
        broken("a zero duration", "/phases/smoke/0/http", "timeout", "0s", "phases.smoke[0].http.timeout"),
        broken("unknown HTTP method", "/phases/smoke/0/http", "method", "FETCH", "phases.smoke[0].http.method"),
        broken("path without its slash", "/phases/smoke/0/http", "path", "health", "phases.smoke[0].http.path"),
        broken("unknown enum value", "/phases/snapshot/0/postgres.snapshot", "only", "both", "phases.snapshot[0].postgres.snapshot.only"),
        broken("bad step name", "/phases/preflight/0", "name", "../etc", "phases.preflight[0].name"),
        broken("wrong API version", "", "apiVersion", "rehearsal/v2", "apiVersion"),
        broken("no sign-off", "/phases", "signoff", "null", "phases.signoff"),
        broken("a target of two kinds", "/targets/app", "postgres", "{url: postgresql://x/y}", "targets.app"),
        broken("not a URL", "/targets/app/http", "baseUrl", "127.0.0.1:8080", "targets.app.http.baseUrl"),
        broken("unknown webhook event", "", "notify", "{webhooks: [{url: 'http://h/x', events: [started]}]}",
            "notify.webhooks[0].events[0]"),
        broken("rows that are no comparison", "/phases", "migrate", "[{name: q, sql: {target: db, query: select 1, expect: {rows: some}}}]",
            "phases.migrate[0].sql.expect.rows"),
        broken("unknown load gate", "/phases", "load", load("gates: {p42LatencyMs: {pass: 100}}"), "phases.load[0].load.gates.p42LatencyMs"),
        broken("a negative gate bound", "/phases", "load", load("gates: {errorRate: {pass: -1}}"), "phases.load[0].load.gates.errorRate.pass"),
        broken("unknown expectation operator", "/phases/smoke/0/http", "expect", "{json: {/count: {'=>': 1}}}",
            "phases.smoke[0].http.expect.json./count.=>"),
        broken("a list for a numeric operator", "/phases/smoke/0/http", "expect", "{headers: {X-Count: {'>': [1]}}}",
            "phases.smoke[0].http.expect.headers.X-Count.>"),
        broken("in without a list", "/phases", "migrate", "[{name: q, sql: {target: db, query: select 1, expect: {json: {/a: {in: 1}}}}}]",
            "phases.migrate[0].sql.expect.json./a.in"),
        broken("until without a timeout", "/phases/smoke/0", "until", "{every: 1s}", "phases.smoke[0].until.timeout"),
        broken("until on a snapshot", "/phases/snapshot/0", "until", "{timeout: 1m}", "phases.snapshot[0].until"),
        broken("an assert of three values", "/phases", "migrate", "[{name: a, assert: {equals: [1, 2, 3]}}]",
            "phases.migrate[0].assert.equals"),
        broken("an assert of two comparisons", "/phases", "migrate", "[{name: a, assert: {equals: [1, 1], '!=': [1, 2]}}]",
            "phases.migrate[0].assert"));
  }

  /** Plans the validator accepts, written in the looser forms the format allows: the schema accepts them too. */
  static Stream<Named<Change>> acceptedVariants() {
    return Stream.of(
        variant("one string with a shell", "/phases/preflight/0", "command", "{run: 'echo ok | wc -l', shell: true}"),
        variant("one exit code, not a list", "/phases/preflight/0/command", "expect", "{exit: 3, outputMatches: 'ok'}"),
        variant("a lower-case method", "/phases/smoke/0/http", "method", "get"),
        variant("an empty phase", "/phases", "migrate", "null"),
        variant("a description on a step", "/phases/smoke/0", "description", "checks the app answers"),
        variant("a compound duration", "/phases/smoke/0/http", "timeout", "1h30m"),
        variant("a URL from a secret", "/targets/app/http", "baseUrl", "${env:APP_URL}"),
        variant("a closed-model load", "/phases", "load", """
            [{name: soak, load: {target: app, model: closed, concurrency: 4, duration: 1m,
              requests: [{name: home, path: /}], gates: {errorRate: {pass: 0.01, warn: 0.05}}}}]"""),
        variant("expectation operators and header checks", "/phases/smoke/0/http", "expect", """
            {status: 200, headers: {X-Request-ID: {matches: '.+'}, ETag: {present: true}},
             json: {/metrics: {nonEmpty: true}, /count: {'>=': 1, '<': 10}, /ok: true, /state: {in: [done]}, /tags: [], /m: {equals: {a: 1}}}}"""),
        variant("a wait for a condition", "/phases/smoke/0", "until", "{timeout: 2m, every: 2s}"),
        variant("json checks on stdout", "/phases/preflight/0/command", "expect", "{json: {/total: {'>=': 65}}}"),
        variant("an assert step", "/phases", "migrate", "[{name: same, assert: {equals: ['${parameters.a}', '${parameters.b}']}}]"),
        variant("a queue drain gate without bounds", "/phases", "load",
            load("probes: {queue: {path: /metrics, prometheus: jobs_waiting, drain: 1m}}, gates: {queueDrain: {worst: WARN}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.rehearsal.plan.ExamplePlansTest#plans")
  void everyExamplePlanNamesTheSchemaAndValidatesAgainstIt(Path file) throws IOException {
    String text = Files.readString(file);

    assertThat(text.lines().findFirst()).as("first line of %s", file).hasValue(PlanSchemaFile.MODELINE);
    assertThat(file.resolveSibling(PlanSchemaFile.MODELINE.substring(PlanSchemaFile.MODELINE.indexOf('=') + 1)))
        .as("the schema path in the modeline, from %s", file).isRegularFile();
    assertThat(PlanSchemaFile.errors(PlanParser.readTree(text))).as("schema errors in %s", file).isEmpty();
  }

  @Test
  void theBasePlanIsValidToBoth() {
    JsonNode plan = PlanParser.readTree(PLAN);

    assertThat(PlanParser.problems(plan)).isEmpty();
    assertThat(PlanSchemaFile.errors(plan)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlans")
  void aBrokenPlanIsRefusedByTheSchemaAndTheValidator(Broken broken) throws IOException {
    JsonNode plan = broken.change().applyTo(PlanParser.readTree(PLAN));

    List<PlanProblem> problems = PlanParser.problems(plan);

    assertThat(problems).extracting(PlanProblem::path).contains(broken.problemPath());
    assertThat(PlanSchemaFile.errors(plan)).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedVariants")
  void aLooserFormTheValidatorAcceptsTheSchemaAcceptsToo(Change change) throws IOException {
    JsonNode plan = change.applyTo(PlanParser.readTree(PLAN));

    assertThat(PlanParser.problems(plan)).isEmpty();
    assertThat(PlanSchemaFile.errors(plan)).isEmpty();
  }

  /** A load phase of one open-model step against {@code app}, with {@code more} of its keys. */
  private static String load(String more) {
    return "[{name: soak, load: {target: app, rate: 5, duration: 1m, requests: [{name: home, path: /}], " + more + "}}]";
  }

  private static Named<Broken> broken(String name, String parent, String key, String yaml, String problemPath) {
    return Named.of(name, new Broken(new Change(parent, key, yaml), problemPath));
  }

  private static Named<Change> variant(String name, String parent, String key, String yaml) {
    return Named.of(name, new Change(parent, key, yaml));
  }
}
