package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The load step: seed 001's thresholds are expressible as written, and mistakes are reported with their paths. */
class LoadStepValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: lsos
      environment: staging
      targets:
        api: { http: { baseUrl: "https://staging.example.com/api/v1" } }
        db: { postgres: { url: "postgresql://app@db.staging/shop" } }
      """;

  @Test
  void seed001ThresholdsAreExpressibleAsWritten() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        readiness: { pass: "97-98%", warn: "95-96%", fail: "94-95%" }
        phases:
          load:
            - name: simulation
              load:
                target: api
                rate: 20
                duration: 300s
                requests: [ { name: crawl, path: /crawl-jobs, method: POST, weight: 8 }, { name: entity, path: /entity-jobs, method: POST, weight: 5 } ]
                probes:
                  health: { path: /health/metrics, json: /alert_state, healthy: [ok] }
                  queue: { path: /health/metrics, json: /queue/depth, drain: 300s }
                gates:
                  p95LatencyMs: { pass: 1200, warn: 2000 }
                  queueDrain: {}
                  errorRateByRequest: { pass: 0.02, warn: 0.05 }
                  degradedShare: { pass: 0.20, warn: 0.35 }
                  transitions: { pass: 4, worst: WARN }
                  probeFailureRate: { pass: 0.0, warn: 0.0 }
          signoff: {}
        """), Map.of());

    LoadSpec load = plan.steps(Phase.LOAD).get(0).body(LoadSpec.class);
    assertThat(load.model()).isEqualTo(LoadSpec.Model.open);
    assertThat(load.gates().get("transitions").worst()).isEqualTo("WARN");
    assertThat(load.probes().queue().drain()).isEqualTo("300s");
    assertThat(plan.readiness().warn()).isEqualTo("95-96%");
  }

  @Test
  void mistakesAreReportedWithTheirPaths() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree((PLAN + """
        readiness: { pass: 97 }
        phases:
          load:
            - name: closed-with-rate
              load: { target: api, model: closed, rate: 5, duration: 10s, requests: [ { name: a, path: /a } ] }
            - name: broken
              load:
                target: db
                rate: 0
                requests: [ { name: a, path: a }, { name: a, path: /b, weight: 0 } ]
                probes: { queue: { path: /m } }
                gates:
                  p95: { pass: 1 }
                  p99LatencyMs: { warn: 5, pass: 10 }
                  transitions: { pass: 4, worst: PASS }
                  queueDrain: {}
            - name: against-production
              load: { target: live, rate: 5, duration: 10s, requests: [ { name: a, path: /a } ] }
          signoff: {}
        """).replace("targets:\n", "targets:\n  live: { http: { baseUrl: \"https://api.production.example.com\" } }\n")), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "readiness.pass",
        "phases.load[0].load.model",
        "phases.load[1].load.target",
        "phases.load[1].load.rate",
        "phases.load[1].load.duration",
        "phases.load[1].load.requests[0].path",
        "phases.load[1].load.requests[1].name",
        "phases.load[1].load.requests[1].weight",
        "phases.load[1].load.probes.queue",
        "phases.load[1].load.gates.p95",
        "phases.load[1].load.gates.p99LatencyMs.warn",
        "phases.load[1].load.gates.transitions.worst",
        "phases.load[1].load.gates.transitions",
        "phases.load[2].load.target");
    assertThat(problems.get(problems.size() - 1).message()).contains("production guard pattern 'prod'");
  }
}
