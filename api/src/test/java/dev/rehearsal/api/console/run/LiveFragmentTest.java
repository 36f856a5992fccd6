package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleSession;
import dev.rehearsal.testing.Await;
import org.junit.jupiter.api.Test;

/** The live part of a run's page says when the run has ended, which is what stops console.js polling it. */
class LiveFragmentTest extends ConsoleApp {
  @Test
  void theLivePartOfAFinishedRunCarriesDataLiveEnded() {
    String id = LocalApp.startAndAwaitApproval(api(), "live-fragment", "v1.0.0-live");
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    assertThat(bob.get("/runs/" + id + "/live").body()).as("still awaiting sign-off").doesNotContain("data-live-ended");

    ApiClient.Response approved = api().postJson("/api/v1/rehearsals/" + id + "/approvals", LocalApp.BOB,
        java.util.Map.of("decision", "APPROVE", "comment", "fine"));
    assertThat(approved.status()).as(approved.body()).isLessThan(300);
    Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(),
        s -> s.get("status").asText().equals("SUCCEEDED"), id + " to succeed");

    assertThat(bob.get("/runs/" + id + "/live").body()).contains("data-live-ended=\"true\"");
    assertThat(bob.get("/runs/" + id).body()).as("the page as first served stops at once").contains("data-live-ended=\"true\"");
  }
}
