package dev.rehearsal.activities.steps;

import dev.rehearsal.plan.AssertSpec;
import dev.rehearsal.plan.CommandSpec;
import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.workflows.steps.AssertStepInput;
import dev.rehearsal.workflows.steps.CommandStepInput;
import dev.rehearsal.workflows.steps.HttpStepInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Step activity inputs from one plan step written as users write it, through the parser and validator. */
final class StepInputs {
  /** One attempt: these tests look at what a single attempt does and reports. */
  static final ActivityOptions ONE_ATTEMPT = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  private StepInputs() {}

  static StepSpec step(String baseUrl, String step) {
    return step(baseUrl, step, Map.of());
  }

  static StepSpec step(String baseUrl, String step, Map<String, String> parameters) {
    Plan plan = PlanParser.bind(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: t
        environment: staging
        targets: { app: { http: { baseUrl: "%s" } } }
        phases:
          smoke:
            - %s
          signoff: {}
        """.formatted(baseUrl, step)), parameters);
    return plan.steps(Phase.SMOKE).get(0);
  }

  static HttpStepInput http(String baseUrl, String step) {
    return http(baseUrl, step, 5000);
  }

  static HttpStepInput http(String baseUrl, String step, long timeoutMillis) {
    StepSpec spec = step(baseUrl, step);
    HttpSpec http = spec.body(HttpSpec.class);
    return new HttpStepInput(spec.name(), http, timeoutMillis, http.target(),
        PlanParser.bind(PlanParser.readTree("""
            apiVersion: rehearsal/v1
            name: t
            environment: staging
            targets: { app: { http: { baseUrl: "%s" } } }
            phases: { signoff: {} }
            """.formatted(baseUrl)), Map.of()).targets().get("app"), List.of(), null, spec.until());
  }

  static CommandStepInput command(String step) {
    StepSpec spec = step("http://127.0.0.1:1", step);
    return new CommandStepInput(spec.name(), spec.body(CommandSpec.class), 10_000, Map.of(), List.of(), null, null, null, null, spec.until());
  }

  static AssertStepInput assertion(String step) {
    return assertion(step, Map.of());
  }

  static AssertStepInput assertion(String step, Map<String, String> parameters) {
    StepSpec spec = step("http://127.0.0.1:1", step, parameters);
    return new AssertStepInput(spec.name(), spec.body(AssertSpec.class));
  }

  static TestActivityEnvironment environment(StepActivitiesImpl activities) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(activities);
    return env;
  }
}
