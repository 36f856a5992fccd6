package dev.rehearsal.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** {@code GET /api/v1/rehearsals/{id}/report} with {@code Accept: application/xml}: the run as JUnit XML, for every role. */
class JunitReportApiTest extends ConsoleApp {
  @Test
  void theReportReadsAsJunitXmlForEveryRoleAndAnUnknownRunIsAProblem() {
    ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", """
        releaseCandidate: v9.0.0
        plan:
          apiVersion: rehearsal/v1
          name: junit-api
          environment: staging
          phases:
            smoke:
              - name: check
                command: { run: [echo, '{"errors": 3}'] }
                gates:
                  printed: { stdout: true, pointer: /errors, pass: 0, warn: 5 }
            signoff: {}
        """);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.until(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json().get("status").asText().equals("AWAITING_APPROVAL"),
        id + " to await sign-off");
    String report = "/api/v1/rehearsals/" + id + "/report";

    for (String token : new String[] {LocalApp.ALICE, LocalApp.BOB, LocalApp.DAVE}) {
      for (String accept : new String[] {"application/xml", "application/junit+xml"}) {
        ApiClient.Response xml = api().get(report, token, Map.of("Accept", accept));
        assertThat(xml.status()).as(accept + " " + xml.body()).isEqualTo(200);
        assertThat(xml.contentType()).startsWith("application/xml");
        JunitXml junit = JunitXml.parse(xml.body().getBytes(StandardCharsets.UTF_8));
        assertThat(junit.root().getAttribute("tests")).as("the step, the gate and the sign-off").isEqualTo("3");
        assertThat(JunitXml.child(junit.testCase("signoff"), "skipped").getAttribute("message")).isEqualTo("awaiting sign-off");
        assertThat(junit.root().getAttribute("failures")).isEqualTo("1");
        Element gate = junit.testCase("check.printed");
        assertThat(gate.getAttribute("classname")).isEqualTo("gates");
        assertThat(JunitXml.child(gate, "failure").getAttribute("message"))
            .endsWith("needs a waiver: approve with --waive check.printed=REASON");
        assertThat(JunitXml.child(junit.testCase("check"), "failure")).isNull();
      }
    }

    assertThat(api().get(report, LocalApp.DAVE).contentType()).as("without Accept, still JSON").startsWith("application/json");
    assertThat(api().get(report, LocalApp.DAVE, Map.of("Accept", "*/*")).contentType()).startsWith("application/json");

    ApiClient.Response unknown = api().get("/api/v1/rehearsals/rh-nope/report", LocalApp.DAVE, Map.of("Accept", "application/xml"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asText()).isEqualTo("no rehearsal rh-nope");
    assertThat(api().get(report, null, Map.of("Accept", "application/xml")).status()).isEqualTo(401);
  }
}
