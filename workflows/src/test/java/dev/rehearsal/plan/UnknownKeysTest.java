package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The keys a plan may hold are taken from the records it binds to; these are the lists a user reads in an unknown-key
 * problem, unchanged from when they were written out by hand (a renamed component such as {@code notify}, and keys
 * allowed without binding such as {@code description}, included).
 */
class UnknownKeysTest {
  @Test
  void unknownKeysNameExactlyTheKeysAllowedAtTheirPlace() {
    var problems = PlanValidator.validate(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: shop
        environment: staging
        notifications: {}
        targets:
          web: { http: { baseUrl: "http://web.staging" }, label: x }
        phases:
          load:
            - name: soak
              load:
                target: web
                rate: 10
                duration: 1m
                requests: [ { name: home, path: /, verb: GET } ]
                probes: { health: { path: /h, every: 1s } }
                gates: { errorRate: { pass: 0.01, max: 1 } }
          signoff: { approvers: { role: APPROVER, count: 1 } }
        """), Optional.empty());

    assertThat(problems).extracting(p -> p.path() + " " + p.message()).containsExactly(
        "notifications unknown key; allowed here: "
            + "[apiVersion, defaults, description, environment, failureDecisionTimeout, guard, name, notify, onDecisionTimeout, "
            + "onFailure, phases, readiness, targets]",
        "targets.web.label unknown key; allowed here: [description, http, postgres, readOnly]",
        "phases.load[0].load.requests[0].verb unknown key; allowed here: "
            + "[body, expectStatus, headers, method, name, path, weight]",
        "phases.load[0].load.probes.health.every unknown key; allowed here: [healthy, interval, json, path]",
        "phases.load[0].load.gates.errorRate.max unknown key; allowed here: [pass, warn, worst]",
        "phases.signoff.approvers.count unknown key; allowed here: [group, required, role]");
  }

  @Test
  void aStepKindListsItsOwnFields() {
    var problems = PlanValidator.validate(PlanParser.readTree("""
        apiVersion: rehearsal/v1
        name: shop
        environment: staging
        targets:
          db: { postgres: { url: "postgres://db.staging/shop" } }
        phases:
          snapshot:
            - name: dump
              postgres.snapshot: { from: db, format: custom }
          restore:
            - name: back
              postgres.restore: { to: db, force: true }
          signoff: {}
        """), Optional.empty());

    assertThat(problems).extracting(p -> p.path() + " " + p.message()).containsExactly(
        "phases.snapshot[0].postgres.snapshot.format unknown key; allowed here: [compress, excludeSchemas, "
            + "excludeTables, from, jobs, noOwner, noPrivileges, only, schemas, tables, timeout]",
        "phases.restore[0].postgres.restore.force unknown key; allowed here: "
            + "[from, jobs, mode, noOwner, noPrivileges, timeout, to]");
  }
}
