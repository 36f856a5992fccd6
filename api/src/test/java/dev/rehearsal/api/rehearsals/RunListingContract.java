package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.testing.Await;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the run list answers, whichever {@link RunListing} the app uses: the same runs (of two plans, two environments,
 * awaiting sign-off, signed off, rejected, failed) give the same pages for every filter, paging and start-time
 * bound. Each implementation runs this scenario through the public API in an app of its own.
 */
abstract class RunListingContract {
  @LocalServerPort int port;

  /** Run ids in start order: 0 alpha/staging awaiting, 1 alpha/staging signed off, 2 beta/staging rejected, 3 beta/qa failed, 4 alpha/qa awaiting. */
  private final List<String> runs = new ArrayList<>();
  private Instant between;

  @Test
  void everyFilterAndPageAnswersTheSameRuns() throws Exception {
    runs.add(start("alpha", "staging", "v0", false));
    runs.add(start("alpha", "staging", "v1", false));
    runs.add(start("beta", "staging", "v2", false));
    Thread.sleep(20);
    between = Instant.now();
    Thread.sleep(20);
    runs.add(start("beta", "qa", "v3", true));
    runs.add(start("alpha", "qa", "v4", false));
    decide(runs.get(1), LocalApp.BOB, Map.of("decision", "APPROVE"));
    decide(runs.get(2), LocalApp.CAROL, Map.of("decision", "REJECT", "comment", "not this one"));
    Await.value(() -> items("status=FAILED"), items -> items.equals(List.of(3)), "the failed run listed as failed");
    Await.value(() -> items(""), items -> items.equals(inOrder(4, 3, 2, 1, 0)), "every run listed");
    Await.value(() -> items("status=SUCCEEDED"), items -> items.equals(List.of(1)), "the signed-off run");
    Await.value(() -> items("status=REJECTED"), items -> items.equals(List.of(2)), "the rejected run");

    assertThat(items("status=AWAITING_APPROVAL")).containsExactlyElementsOf(inOrder(4, 0));
    assertThat(items("plan=alpha")).containsExactlyElementsOf(inOrder(4, 1, 0));
    assertThat(items("plan=alpha&environment=qa")).containsExactly(4);
    assertThat(items("environment=staging&status=AWAITING_APPROVAL")).containsExactly(0);
    assertThat(items("releaseCandidate=v2")).containsExactly(2);
    assertThat(items("initiator=alice&plan=beta")).containsExactlyElementsOf(inOrder(3, 2));
    assertThat(items("approver=bob")).containsExactly(1);
    assertThat(items("approver=carol&status=REJECTED")).containsExactly(2);
    assertThat(items("from=" + between)).as("started since").containsExactlyElementsOf(inOrder(4, 3));
    assertThat(items("to=" + between)).as("started before").containsExactlyElementsOf(inOrder(2, 1, 0));
    assertThat(items("from=" + between + "&plan=beta")).containsExactly(3);
    assertThat(items("plan=" + encode("alpha' OR WorkflowType = 'RehearsalWorkflow"))).as("a quote in a value").isEmpty();
    assertThat(items("environment=" + encode("qa\\"))).as("a backslash in a value").isEmpty();

    assertThat(pages("limit=2")).isEqualTo(pagesOf(2, 4, 3, 2, 1, 0));
    assertThat(pages("limit=5")).as("a page that ends exactly at the last run").isEqualTo(pagesOf(5, 4, 3, 2, 1, 0));
    assertThat(pages("limit=2&plan=alpha")).isEqualTo(pagesOf(2, 4, 1, 0));
    assertThat(api().get("/api/v1/rehearsals?cursor=" + encode("not a cursor"), LocalApp.DAVE).status()).isEqualTo(400);

    Map<Integer, JsonNode> shown = new java.util.HashMap<>();
    for (JsonNode item : list("").get("items")) {
      shown.put(runs.indexOf(item.get("id").asText()), item);
    }
    assertItem(shown.get(0), "alpha", "staging", "v0", "AWAITING_APPROVAL", "NOT_ASSESSED", List.of(), false);
    assertItem(shown.get(1), "alpha", "staging", "v1", "SUCCEEDED", "NOT_ASSESSED", List.of("bob"), true);
    assertItem(shown.get(2), "beta", "staging", "v2", "REJECTED", "NOT_ASSESSED", List.of("carol"), true);
    assertItem(shown.get(3), "beta", "qa", "v3", "FAILED", "FAIL", List.of(), true);
    assertItem(shown.get(4), "alpha", "qa", "v4", "AWAITING_APPROVAL", "NOT_ASSESSED", List.of(), false);
  }

  private static void assertItem(JsonNode item, String plan, String environment, String rc, String status, String readiness,
      List<String> approvers, boolean finished) {
    assertThat(item.get("plan").asText()).isEqualTo(plan);
    assertThat(item.get("environment").asText()).isEqualTo(environment);
    assertThat(item.get("releaseCandidate").asText()).isEqualTo(rc);
    assertThat(item.get("initiator").asText()).isEqualTo("alice");
    assertThat(item.get("status").asText()).isEqualTo(status);
    assertThat(item.get("readiness").asText()).isEqualTo(readiness);
    List<String> deciders = new ArrayList<>();
    item.get("approvers").forEach(a -> deciders.add(a.asText()));
    assertThat(deciders).isEqualTo(approvers);
    assertThat(item.get("startedAt").isNull()).isFalse();
    assertThat(item.get("finishedAt").isNull()).as("finishedAt of a %s run", status).isEqualTo(!finished);
  }

  /**
   * The list's order of all five runs: newest start first (the index). Visibility answers in Temporal's order
   * instead, open runs first (newest start first), then closed runs by close time, newest first.
   */
  protected List<Integer> order() {
    return List.of(4, 3, 2, 1, 0);
  }

  /** These runs in the list's order. */
  private List<Integer> inOrder(Integer... ids) {
    return java.util.Arrays.stream(ids).sorted(java.util.Comparator.comparing(order()::indexOf)).toList();
  }

  /** These runs in the list's order, cut into pages of {@code size}. */
  private List<List<Integer>> pagesOf(int size, Integer... ids) {
    List<Integer> all = inOrder(ids);
    List<List<Integer>> pages = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      pages.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return pages;
  }

  /** The run numbers listed on the first page for {@code query}. */
  private List<Integer> items(String query) {
    List<Integer> listed = new ArrayList<>();
    list(query).get("items").forEach(item -> listed.add(runs.indexOf(item.get("id").asText())));
    return listed;
  }

  /** The run numbers on every page, following nextCursor to the end. */
  private List<List<Integer>> pages(String query) {
    List<List<Integer>> pages = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = list(query + (cursor == null ? "" : "&cursor=" + encode(cursor)));
      List<Integer> listed = new ArrayList<>();
      page.get("items").forEach(item -> listed.add(runs.indexOf(item.get("id").asText())));
      pages.add(listed);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null && pages.size() < 10);
    return pages;
  }

  private JsonNode list(String query) {
    ApiClient.Response answer = api().get("/api/v1/rehearsals?" + query, LocalApp.DAVE);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private String start(String plan, String environment, String rc, boolean failing) {
    String step = failing ? "{ name: check, retry: { maxAttempts: 1 }, command: { run: [sh, -c, 'exit 3'] } }"
        : "{ name: check, command: { run: [echo, checked] } }";
    ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", """
        releaseCandidate: %s
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: %s
          phases:
            smoke: [ %s ]
            signoff: {}
        """.formatted(rc, plan, environment, step));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    String awaited = failing ? "FAILED" : "AWAITING_APPROVAL";
    Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(), s -> s.get("status").asText().equals(awaited),
        id + " to be " + awaited);
    return id;
  }

  private void decide(String id, String token, Map<String, String> body) {
    ApiClient.Response decided = api().postJson("/api/v1/rehearsals/" + id + "/approvals", token, body);
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
