package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleSession;
import dev.rehearsal.testing.Await;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A waiver is an audit statement: one for a gate the run does not have (or that needs none) is refused, 400, through
 * the API and the console alike, recorded as a refused decision, and nothing is approved.
 */
class WaiverRefusalTest extends ConsoleApp {
  @Test
  void aWaiverForAGateThatNeedsNoneIsRefusedAndRecorded() {
    String id = LocalApp.startAndAwaitApproval(api(), "made-up-waiver", "v1.0.0-waiver");

    ApiClient.Response rest = api().postJson("/api/v1/rehearsals/" + id + "/approvals", LocalApp.BOB,
        Map.of("decision", "APPROVE", "comment", "fine", "waivers", Map.of("=2+3", "zz")));
    assertThat(rest.status()).as(rest.body()).isEqualTo(400);
    assertThat(rest.json().get("reason").asText()).isEqualTo("WaiverNotNeeded");
    assertThat(rest.json().get("detail").asText()).contains("=2+3", "gates needing a waiver: none");

    ConsoleSession carol = ConsoleSession.signedIn(baseUrl(), LocalApp.CAROL);
    HttpResponse<String> console = carol.post("/runs/" + id + "/signoff", carol.withCsrf("/runs/" + id, Map.of(
        "decision", "APPROVE", "comment", "fine", "gate", "<script>alert(1)</script>", "waiver", "zzz")));
    assertThat(console.statusCode()).isEqualTo(400);
    assertThat(console.body()).contains("no such gate needs one: &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)");

    JsonNode state = Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(),
        s -> s.at("/approvals/refused").size() == 2, "both refusals to be recorded");
    assertThat(state.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(state.at("/approvals/decisions").size()).as("nothing approved").isZero();
    assertThat(state.at("/approvals/refused/0/reason").asText()).contains("=2+3");
  }
}
