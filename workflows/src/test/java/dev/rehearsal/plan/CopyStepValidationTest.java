package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code postgres.copy} kind: what the validator refuses, with paths, and what binding fills in. */
class CopyStepValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      targets:
        prod-db: { postgres: { url: "${env:PROD_DATABASE_URL}" }, readOnly: true }
        staging-db: { postgres: { url: "postgresql://app@db.staging:5432/shop" } }
        reporting: { postgres: { url: "host=reporting-production.internal dbname=shop" } }
        app: { http: { baseUrl: "http://127.0.0.1:9000" } }
      """;

  @Test
  void aCopyBindsWithItsDefaultsAndALaterRestoreMayRestoreItsSnapshot() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          snapshot: [ { name: copy-prod, postgres.copy: { from: prod-db, to: staging-db, jobs: 2 } } ]
          rollback: [ { name: restore-again, postgres.restore: { to: staging-db } } ]
          signoff: {}
        """), Map.of());

    CopySpec copy = plan.steps(Phase.SNAPSHOT).get(0).body(CopySpec.class);
    assertThat(copy.method()).isEqualTo(CopySpec.Method.auto);
    assertThat(copy.jobs()).isEqualTo(2);
    assertThat(StepKind.of(copy).defaultTimeout()).isEqualTo("2h");
    assertThat(plan.steps(Phase.ROLLBACK).get(0).body(RestoreSpec.class).from()).as("the plan's only snapshot").isEqualTo("copy-prod");
  }

  @Test
  void everyMisuseOfACopyIsReportedWithItsPath() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          preflight:
            - { name: early-restore, postgres.restore: { to: staging-db, from: copy-ok } }
          snapshot:
            - { name: bad-options, postgres.copy: { from: prod-db, to: staging-db, jobs: 0, method: fast, compress: 0, noOwner: maybe, timeout: soon } }
            - { name: into-prod, postgres.copy: { from: staging-db, to: prod-db } }
            - { name: into-reporting, postgres.copy: { from: prod-db, to: reporting } }
            - { name: onto-itself, postgres.copy: { from: staging-db, to: staging-db } }
            - { name: from-http, postgres.copy: { from: app, to: staging-db } }
            - { name: nowhere, postgres.copy: { from: prod-db } }
            - { name: copy-ok, postgres.copy: { from: prod-db, to: staging-db, method: stream } }
          restore:
            - { name: restore-copy, postgres.restore: { to: staging-db, from: copy-ok } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "phases.preflight[0].postgres.restore.from",
        "phases.snapshot[0].postgres.copy.jobs",
        "phases.snapshot[0].postgres.copy.method",
        "phases.snapshot[0].postgres.copy.compress",
        "phases.snapshot[0].postgres.copy.noOwner",
        "phases.snapshot[0].postgres.copy.timeout",
        "phases.snapshot[1].postgres.copy.to",
        "phases.snapshot[2].postgres.copy.to",
        "phases.snapshot[3].postgres.copy.to",
        "phases.snapshot[4].postgres.copy.from",
        "phases.snapshot[5].postgres.copy.to");
    assertThat(messageAt(problems, "phases.preflight[0].postgres.restore.from")).contains("postgres.copy", "runs before this restore");
    assertThat(messageAt(problems, "phases.snapshot[0].postgres.copy.method")).contains("'auto'", "'stream'", "'directory'");
    assertThat(messageAt(problems, "phases.snapshot[1].postgres.copy.to")).contains("readOnly");
    assertThat(messageAt(problems, "phases.snapshot[2].postgres.copy.to")).contains("production guard pattern 'prod'");
    assertThat(messageAt(problems, "phases.snapshot[3].postgres.copy.to")).contains("same target as 'from'");
    assertThat(messageAt(problems, "phases.snapshot[4].postgres.copy.from")).contains("'app' is not a postgres target");
  }

  private static String messageAt(List<PlanProblem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
