package dev.rehearsal.activities.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header and operator checks on a real response, JSON checks on a command's stdout, and {@code assert} steps: each
 * failure names what it looked at, the value seen and the expectation, with secrets masked.
 */
class ChecksAndAssertionsTest {
  private static final String TOKEN = "s3cr3t-t0ken";
  @TempDir Path dir;
  private JobServer app;
  private TestActivityEnvironment env;
  private StepActivities steps;

  @BeforeEach
  void start() {
    app = new JobServer(1000);
    env = StepInputs.environment(new StepActivitiesImpl(new EvidenceStore(dir),
        Map.of("TOKEN", TOKEN, "MAJOR", "15", "PATH", System.getenv("PATH"))::get));
    steps = env.newActivityStub(StepActivities.class, StepInputs.ONE_ATTEMPT);
  }

  @AfterEach
  void stop() {
    app.close();
    env.close();
  }

  @Test
  void headerAndOperatorChecksThatHoldPass() {
    StepResult result = steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: whoami, http: { target: app, path: /whoami, expect: { status: 200,
            headers: { X-Request-ID: { matches: "^req-[0-9]+$" }, x-request-id: req-7, Retry-After: { present: false } },
            json: { /user: { in: [rehearsal, admin] }, /count: { "<": 1 }, /metrics: { nonEmpty: false }, /missing: { exists: false } } } } }"""));

    assertThat(result.summary()).startsWith("GET /whoami -> 200");
  }

  @Test
  void failedChecksNameTheHeaderOrPointerTheValueSeenAndTheExpectationWithSecretsMasked() {
    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: whoami, http: { target: app, path: /whoami, headers: { Authorization: "Bearer ${env:TOKEN}" }, expect: {
            headers: { X-Trace: { present: true }, X-Token: { equals: "none" } },
            json: { /count: { ">=": 1 }, /metrics: { nonEmpty: true } } } } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("AssertionFailed");
          assertThat(failure.getOriginalMessage())
              .contains("header X-Trace is missing, expected present")
              .contains("header X-Token is \"Bearer ********\", expected \"none\"")
              .contains("/count is 0, expected >= 1")
              .contains("/metrics is [], expected non-empty")
              .doesNotContain(TOKEN);
        });
  }

  @Test
  void aCommandsStdoutIsCheckedAsJson() {
    StepResult ok = steps.runCommand(StepInputs.command("""
        { name: report, command: { run: [sh, -c, "echo '{\\"total\\":{\\"lines\\":{\\"pct\\":71.5}}}'"], expect: { json: { /total/lines/pct: { ">=": 65 } } } } }"""));
    assertThat(ok.summary()).startsWith("exit 0");

    assertThatThrownBy(() -> steps.runCommand(StepInputs.command("""
        { name: low, command: { run: [sh, -c, "echo '{\\"pct\\":41}'"], expect: { json: { /pct: { ">=": 65 } } } } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).isEqualTo("exit 0: /pct is 41, expected >= 65"));
    assertThatThrownBy(() -> steps.runCommand(StepInputs.command("""
        { name: text, command: { run: [echo, hello], expect: { json: { /pct: 1 } } } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).isEqualTo("exit 0: stdout is not JSON, so [/pct] cannot be checked"));
  }

  @Test
  void anAssertionThatHoldsSaysSoWithBothValues() {
    assertThat(steps.checkAssertion(StepInputs.assertion("{ name: same, assert: { equals: [\"15\", 15] } }")).summary())
        .isEqualTo("holds: \"15\" equals 15");
    assertThat(steps.checkAssertion(StepInputs.assertion("{ name: newer, assert: { \">=\": [\"16.1\", \"15\"] } }")).summary())
        .isEqualTo("holds: \"16.1\" >= \"15\"");
    assertThat(steps.checkAssertion(StepInputs.assertion("{ name: tag, assert: { matches: [v1.2.3, \"^v[0-9]+\"] } }")).summary())
        .isEqualTo("holds: \"v1.2.3\" matches \"^v[0-9]+\"");
  }

  @Test
  void aFailedAssertionNamesBothValuesWithSecretsMasked() {
    assertThatThrownBy(() -> steps.checkAssertion(StepInputs.assertion("{ name: parity, assert: { equals: [\"${env:MAJOR}\", \"16\"] } }")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("AssertionFailed");
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).isEqualTo("does not hold: \"15\" equals \"16\"");
        });
    assertThatThrownBy(() -> steps.checkAssertion(StepInputs.assertion("{ name: secret, assert: { \"!=\": [\"${env:TOKEN}\", \"" + TOKEN + "\"] } }")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).isEqualTo("does not hold: \"********\" != \"********\""));
    assertThatThrownBy(() -> steps.checkAssertion(StepInputs.assertion("{ name: words, assert: { \">\": [\"${parameters.count}\", 3] } }", Map.of("count", "many"))))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).isEqualTo("does not hold: \"many\" > 3 (\"many\" is not a number)"));
  }
}
