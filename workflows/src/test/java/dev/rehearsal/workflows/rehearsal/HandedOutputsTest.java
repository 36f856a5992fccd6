package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.plan.Phase;
import dev.rehearsal.plan.Plan;
import dev.rehearsal.plan.PlanParser;
import dev.rehearsal.plan.StepSpec;
import dev.rehearsal.workflows.steps.StepNotRunnable;
import dev.rehearsal.workflows.steps.StepResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandedOutputsTest {
  private static final Plan PLAN = PlanParser.bind(PlanParser.readTree("""
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      targets:
        app: { http: { baseUrl: "http://127.0.0.1:8080" } }
      phases:
        preflight:
          - name: login
            http: { target: app, method: POST, path: /login }
            outputs: { token: { json: /token, secret: true }, id: { header: X-Request-ID } }
        smoke:
          - name: call
            http:
              target: app
              method: POST
              path: "/items/${steps.login.outputs.id}"
              headers: { Authorization: "Bearer ${steps.login.outputs.token}" }
              body: { request: "${steps.login.outputs.id}", list: ["a-${steps.login.outputs.id}"] }
          - name: plain
            http: { target: app, path: /health }
        signoff: {}
      """), Map.of());

  @Test
  void ordinaryOutputsAreSubstitutedEverywhereInTheBodyAndSecretReferencesStayText() {
    HandedOutputs outputs = new HandedOutputs();
    StepSpec login = PLAN.steps(Phase.PREFLIGHT).get(0);
    Map<String, String> shown = outputs.record(login, new StepResult("ok", List.of(), 1, List.of(), Map.of("id", "req-1")));

    assertThat(shown).containsExactly(Map.entry("id", "req-1"), Map.entry("token", "********"));
    HttpSpec call = outputs.substitute(PLAN.steps(Phase.SMOKE).get(0)).body(HttpSpec.class);
    assertThat(call.path()).isEqualTo("/items/req-1");
    assertThat(call.headers()).containsEntry("Authorization", "Bearer ${steps.login.outputs.token}");
    assertThat(call.body().toString()).isEqualTo("{\"request\":\"req-1\",\"list\":[\"a-req-1\"]}");
    assertThat(call.method()).isEqualTo("POST");
  }

  @Test
  void aStepWithoutReferencesIsLeftAsItIsAndALaterRunOfTheProducerWins() {
    HandedOutputs outputs = new HandedOutputs();
    StepSpec plain = PLAN.steps(Phase.SMOKE).get(1);
    assertThat(outputs.substitute(plain)).isSameAs(plain);

    StepSpec login = PLAN.steps(Phase.PREFLIGHT).get(0);
    outputs.record(login, new StepResult("ok", List.of(), 1, List.of(), Map.of("id", "req-1")));
    outputs.record(login, new StepResult("ok", List.of(), 1, List.of(), Map.of("id", "req-2")));
    assertThat(outputs.substitute(PLAN.steps(Phase.SMOKE).get(0)).body(HttpSpec.class).path()).isEqualTo("/items/req-2");
  }

  @Test
  void valuesSideBySideThatWouldFormASecretReferenceAreRefused() {
    Plan plan = PlanParser.bind(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: shop
        environment: staging
        targets:
          app: { http: { baseUrl: "http://127.0.0.1:8080" } }
        phases:
          preflight:
            - name: parts
              http: { target: app, path: /parts }
              outputs: { d: { json: /d }, rest: { json: /rest } }
          smoke:
            - name: use
              http: { target: app, path: "/echo?x=${steps.parts.outputs.d}${steps.parts.outputs.rest}" }
          signoff: {}
        """), Map.of());
    HandedOutputs outputs = new HandedOutputs();
    outputs.record(plan.steps(Phase.PREFLIGHT).get(0),
        new StepResult("ok", List.of(), 1, List.of(), Map.of("d", "$", "rest", "{env:APP_PASSWORD}")));

    assertThatThrownBy(() -> outputs.substitute(plan.steps(Phase.SMOKE).get(0)))
        .isInstanceOf(StepNotRunnable.class).hasMessageContaining("'${' reference");
  }
}
