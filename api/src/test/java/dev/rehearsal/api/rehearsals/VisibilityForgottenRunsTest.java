package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.testing.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal's visibility forgets a closed run after the namespace's retention; the list through visibility still shows
 * it, from the archive, after the runs visibility still has, and its filters and pages still hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the app (its worker polls this class's front) closes with this class
class VisibilityForgottenRunsTest {
  private static final Duration RETENTION = Duration.ofSeconds(2);
  private static final VisibilityFront FRONT = new VisibilityFront(RETENTION);

  @LocalServerPort int port;
  @Autowired Archive archive;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    String data = Files.createTempDirectory("rehearsal-visibility-forgotten").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.address", FRONT::target);
    VisibilityRunListingContractTest.registerDigestUsers(registry);
  }

  @Test
  void aRunVisibilityForgotIsListedFromTheArchiveAfterTheOthers() {
    ApiClient api = new ApiClient(port);
    String first = LocalApp.startAndAwaitApproval(api, "alpha", "v1");
    String signedOff = LocalApp.startAndAwaitApproval(api, "alpha", "v2");
    String last = LocalApp.startAndAwaitApproval(api, "beta", "v3");
    ApiClient.Response approved = api.postJson("/api/v1/rehearsals/" + signedOff + "/approvals", LocalApp.BOB,
        Map.of("decision", "APPROVE"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    Await.value(() -> archive.find(signedOff).isPresent(), archived -> archived, "the signed-off run archived");

    Await.value(() -> ids(api, ""), ids -> ids.equals(List.of(last, first, signedOff)),
        "the forgotten run listed after the runs visibility has");
    assertThat(ids(api, "status=SUCCEEDED")).containsExactly(signedOff);
    assertThat(ids(api, "plan=alpha")).containsExactly(first, signedOff);
    assertThat(ids(api, "plan=beta")).containsExactly(last);
    assertThat(ids(api, "approver=bob")).containsExactly(signedOff);

    List<List<String>> pages = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api.get("/api/v1/rehearsals?limit=1&plan=alpha" + (cursor == null ? "" : "&cursor="
          + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), LocalApp.DAVE).json();
      List<String> ids = new ArrayList<>();
      page.get("items").forEach(item -> ids.add(item.get("id").asText()));
      pages.add(ids);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null && pages.size() < 5);
    assertThat(pages).containsExactly(List.of(first), List.of(signedOff));
  }

  private static List<String> ids(ApiClient api, String query) {
    ApiClient.Response answer = api.get("/api/v1/rehearsals?" + query, LocalApp.DAVE);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
