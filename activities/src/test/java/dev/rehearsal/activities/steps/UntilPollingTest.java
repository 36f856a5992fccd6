package dev.rehearsal.activities.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.workflows.steps.StepActivities;
import dev.rehearsal.workflows.steps.StepResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code until}: a step's expectations are checked again inside one activity until they hold or the deadline passes;
 * the wait resumes from heartbeat details on a new attempt; a broken connection is not waited on.
 */
class UntilPollingTest {
  private static final String TOKEN = "hunter2pw";

  @TempDir Path dir;
  private JobServer app;
  private TestActivityEnvironment env;

  private StepActivities activities(long doneAfterMillis) {
    app = new JobServer(doneAfterMillis);
    env = StepInputs.environment(new StepActivitiesImpl(new EvidenceStore(dir),
        Map.of("PATH", System.getenv("PATH"), "TOKEN", TOKEN)::get));
    return env.newActivityStub(StepActivities.class, StepInputs.ONE_ATTEMPT);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @Test
  void aJobThatCompletesAfterAFewSecondsHoldsAndTheSummarySaysAtWhichPoll() {
    StepActivities steps = activities(2000);

    StepResult result = steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: job-done, http: { target: app, path: /jobs/slow, expect: { json: { /state: done, /progress: { ">=": 100 } } } }, until: { timeout: 20s, every: 250ms } }"""));

    assertThat(app.jobPolls.get()).isGreaterThan(3);
    assertThat(result.summary()).startsWith("GET /jobs/slow -> 200").contains("(held at poll " + app.jobPolls.get() + " after ");
    assertThat(result.evidence()).singleElement().satisfies(e -> assertThat(e.name()).startsWith("job-done.a").endsWith(".response.txt"));
  }

  @Test
  void aJobThatNeverCompletesFailsAtTheDeadlineWithTheLastValueSeen() {
    StepActivities steps = activities(1000);
    long started = System.currentTimeMillis();

    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: stuck, http: { target: app, path: /jobs/stuck, expect: { json: { /state: done } } }, until: { timeout: 2s, every: 300ms } }""")))
        .isInstanceOf(ActivityFailure.class).cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("AssertionFailed");
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage())
              .startsWith("GET /jobs/stuck -> 200")
              .contains("/state is \"running\", expected \"done\"")
              .containsPattern("still not so after [0-9]+ polls in [0-9.]+s, until timeout 2s");
        });
    assertThat(System.currentTimeMillis() - started).isBetween(1500L, 10_000L);
  }

  @Test
  void aDeleteIsAcceptedAndThenPollingWaitsForTheItemToBeGone() {
    StepActivities steps = activities(1500);

    steps.checkHttp(StepInputs.http(app.baseUrl(), "{ name: delete, http: { target: app, method: DELETE, path: /items/1, expect: { status: 202 } } }"));
    StepResult gone = steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: gone, http: { target: app, path: /items/1, expect: { status: 404 } }, until: { timeout: 15s, every: 200ms } }"""));

    assertThat(gone.summary()).contains("-> 404").containsPattern("held at poll ([2-9]|[1-9][0-9]+) ");
  }

  @Test
  void aNewAttemptResumesTheWaitFromItsHeartbeatDetails() {
    StepActivities steps = activities(1000);
    // An earlier attempt (on a worker that died) polled 7 times and started 9 of the 10 seconds ago.
    env.setHeartbeatDetails(new UntilPoller.PollState(7, System.currentTimeMillis() - 9_000, "GET /jobs/stuck -> 200: earlier"));
    long started = System.currentTimeMillis();

    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: stuck, http: { target: app, path: /jobs/stuck, expect: { json: { /state: done } } }, until: { timeout: 10s, every: 300ms } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).containsPattern("still not so after ([89]|1[0-9]) polls in (9|1[0-9])\\.[0-9]s"));
    assertThat(System.currentTimeMillis() - started).as("the deadline stayed where the first attempt set it").isLessThan(5_000);
  }

  @Test
  void aConnectionThatCannotBeMadeIsNotWaitedOnButLeftToTheRetryPolicy() {
    StepActivities steps = activities(1000);
    String closed = app.baseUrl();
    app.close();
    long started = System.currentTimeMillis();

    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http(closed, """
        { name: down, http: { target: app, path: /jobs/slow }, until: { timeout: 30s, every: 200ms } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo("Unreachable");
          assertThat(failure.isNonRetryable()).isFalse();
        });
    assertThat(System.currentTimeMillis() - started).isLessThan(15_000);
  }

  @Test
  void aCommandIsRunAgainUntilItsExitCodeAndStdoutJsonHold() throws Exception {
    StepActivities steps = activities(1000);
    // Command steps run as nobody when tests run as root: the counter's directory is open to them.
    java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path counter = dir.resolve("n");

    StepResult result = steps.runCommand(StepInputs.command("""
        { name: third-time, command: { run: [sh, -c, "n=$(cat %s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %1$s; echo '{\\"n\\":'$n'}'; [ $n -ge 2 ]"], expect: { json: { /n: { ">=": 3 } } } }, until: { timeout: 20s, every: 100ms } }"""
        .formatted(counter)));

    assertThat(result.summary()).contains("held at poll 3 ");
  }

  /**
   * Hostile test: while waiting, the live step summary (the heartbeat details) showed {@code header X-Token is "Bearer
   * hunter2pw"}; Temporal keeps heartbeat details too.
   */
  @Test
  void theReasonHeartbeatedWhileWaitingHasTheSecretsMasked() {
    StepActivities steps = activities(1000);
    List<String> heartbeated = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(UntilPoller.PollState.class, state -> heartbeated.add(String.valueOf(state.lastReason())));

    assertThatThrownBy(() -> steps.checkHttp(StepInputs.http(app.baseUrl(), """
        { name: token-echo, http: { target: app, path: /whoami, headers: { Authorization: "Bearer ${env:TOKEN}" }, expect: { headers: { X-Token: never } } }, until: { timeout: 1s, every: 200ms } }""")))
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure ->
            assertThat(failure.getOriginalMessage()).contains("header X-Token is \"Bearer ********\"").doesNotContain(TOKEN));
    assertThat(heartbeated).as("reasons heartbeated while waiting").anySatisfy(reason ->
        assertThat(reason).contains("header X-Token is \"Bearer ********\""));
    assertThat(heartbeated).allSatisfy(reason -> assertThat(reason).doesNotContain(TOKEN));
  }
}
