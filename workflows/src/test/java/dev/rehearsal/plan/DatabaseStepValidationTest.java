package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The database step kinds: what the validator refuses, with paths, and what binding fills in. */
class DatabaseStepValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      targets:
        prod-db: { postgres: { url: "${env:PROD_DATABASE_URL}" }, readOnly: true }
        staging-db: { postgres: { url: "postgresql://app@db.staging:5432/shop" } }
        app: { http: { baseUrl: "http://127.0.0.1:9000" } }
      """;

  @Test
  void aCompletePlanIsValidAndARestoreWithoutFromRestoresTheOnlySnapshot() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        phases:
          snapshot: [ { name: dump-prod, postgres.snapshot: { from: prod-db, jobs: 2, compress: 0, schemas: [public], noOwner: true } } ]
          restore:  [ { name: restore-staging, postgres.restore: { to: staging-db, mode: clean } } ]
          migrate:  [ { name: exists, sql: { target: staging-db, query: "select 1", expect: { rows: ">=1", value: 1 } } } ]
          rollback: [ { name: restore-again, rerun: restore } ]
          signoff: {}
        """), Map.of());

    RestoreSpec restore = plan.steps(Phase.RESTORE).get(0).body(RestoreSpec.class);
    assertThat(restore.from()).isEqualTo("dump-prod");
    assertThat(restore.mode()).isEqualTo(RestoreSpec.Mode.clean);
    assertThat(plan.steps(Phase.SNAPSHOT).get(0).body(SnapshotSpec.class).compress()).isZero();
    assertThat(plan.steps(Phase.MIGRATE).get(0).body(SqlSpec.class).expect().rowsMatch(1)).isTrue();
  }

  @Test
  void everyProblemOfTheDatabaseStepsIsReportedWithItsPath() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          preflight:
            - { name: early-restore, postgres.restore: { to: staging-db, from: dump-prod } }
          snapshot:
            - { name: dump-prod, postgres.snapshot: { from: prod-db, jobs: 0, compress: 12, only: both, tables: [""] } }
            - { name: backup, postgres.snapshot: { from: app, only: data } }
          restore:
            - { name: restore-backup, postgres.restore: { to: staging-db, from: backup, mode: replace } }
            - { name: restore-prod, postgres.restore: { to: prod-db, from: nowhere } }
          migrate:
            - { name: check, sql: { target: staging-db, expect: { rows: "many", value: { a: 1 }, empty: true } } }
            - { name: wipe, sql: { target: prod-db, query: "delete from orders", write: true } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactlyInAnyOrder(
        "phases.preflight[0].postgres.restore.from",
        "phases.snapshot[0].postgres.snapshot.jobs",
        "phases.snapshot[0].postgres.snapshot.compress",
        "phases.snapshot[0].postgres.snapshot.only",
        "phases.snapshot[0].postgres.snapshot.tables[0]",
        "phases.snapshot[1].postgres.snapshot.from",
        "phases.restore[0].postgres.restore.from",
        "phases.restore[0].postgres.restore.mode",
        "phases.restore[1].postgres.restore.to",
        "phases.restore[1].postgres.restore.from",
        "phases.migrate[0].sql.query",
        "phases.migrate[0].sql.expect.rows",
        "phases.migrate[0].sql.expect.value",
        "phases.migrate[0].sql.expect.empty",
        "phases.migrate[1].sql.target");
    assertThat(messageAt(problems, "phases.preflight[0].postgres.restore.from")).contains("runs before this restore");
    assertThat(messageAt(problems, "phases.snapshot[1].postgres.snapshot.from")).contains("'app' is not a postgres target");
    assertThat(messageAt(problems, "phases.restore[0].postgres.restore.from")).contains("data-only");
    assertThat(messageAt(problems, "phases.restore[1].postgres.restore.to")).contains("readOnly");
    assertThat(messageAt(problems, "phases.migrate[1].sql.target")).contains("readOnly");
  }

  @Test
  void aRestoreWithoutFromNeedsExactlyOneSnapshot() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        phases:
          snapshot:
            - { name: a, postgres.snapshot: { from: prod-db } }
            - { name: b, postgres.snapshot: { from: staging-db } }
          restore: [ { name: r, postgres.restore: { to: staging-db } } ]
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.restore[0].postgres.restore.from");
    assertThat(problems.get(0).message()).contains("is required", "2: [a, b]");
  }

  @Test
  void theGuardNamesThePatternAWriteTargetMatches() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: shop
        environment: staging
        targets:
          source: { postgres: { url: "postgresql://app@db.internal:5432/shop" } }
          reporting: { postgres: { url: "host=reporting-production.internal dbname=shop" } }
        phases:
          snapshot: [ { name: s, postgres.snapshot: { from: source } } ]
          restore:  [ { name: r, postgres.restore: { to: reporting } } ]
          smoke:    [ { name: w, sql: { target: reporting, query: "update t set x = 1", write: true } } ]
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path)
        .containsExactly("phases.restore[0].postgres.restore.to", "phases.smoke[0].sql.target");
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("production guard pattern 'prod'"));
  }

  @Test
  void anHttpRequestThatMayWriteIsAWriteToo() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: shop
        environment: staging
        targets:
          live: { http: { baseUrl: "https://api.production.example.com" } }
        phases:
          smoke:
            - { name: read, http: { target: live, path: /health } }
            - { name: poke, http: { target: live, path: /orders, method: POST, body: { a: 1 } } }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path).containsExactly("phases.smoke[1].http.target");
    assertThat(problems.get(0).message()).contains("production guard pattern 'prod'");
  }

  private static String messageAt(List<PlanProblem> problems, String path) {
    return problems.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().message();
  }
}
