package dev.rehearsal.api.console.start;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleSession;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The start form carries a key of its own, so a double click or a resubmit of it starts one run, not two. */
class StartIdempotencyTest extends ConsoleApp {
  private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\"\\s+value=\"([^\"]+)\"");
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: start-twice
      environment: staging
      phases:
        smoke: [ { name: check, command: { run: [echo, checked] } } ]
        signoff: {}
      """;

  @Test
  void submittingTheSameStartFormTwiceLandsOnOneRun() {
    ConsoleSession alice = ConsoleSession.signedIn(baseUrl(), LocalApp.ALICE);
    String key = key(alice.get("/start").body());
    assertThat(key(alice.get("/start").body())).as("each form its own key").isNotEqualTo(key);

    Map<String, String> form = alice.withCsrf("/start", Map.of("plan", PLAN, "releaseCandidate", "v1.0.0-twice",
        "idempotencyKey", key, "action", "start"));
    HttpResponse<String> first = alice.post("/start", form);
    HttpResponse<String> second = alice.post("/start", form);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
    assertThat(second.statusCode()).isEqualTo(303);
    String run = first.headers().firstValue("Location").orElseThrow();
    assertThat(run).startsWith("/runs/rh-");
    assertThat(second.headers().firstValue("Location")).hasValue(run);

    Map<String, String> another = new java.util.HashMap<>(form);
    another.put("idempotencyKey", key(alice.get("/start").body()));
    assertThat(alice.post("/start", another).headers().firstValue("Location")).as("a new form starts a new run")
        .hasValueSatisfying(to -> assertThat(to).startsWith("/runs/rh-").isNotEqualTo(run));
  }

  private static String key(String page) {
    Matcher key = KEY.matcher(page);
    assertThat(key.find()).as("an idempotency key in the start form").isTrue();
    return key.group(1);
  }
}
