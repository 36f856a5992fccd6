package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleBrowser;
import dev.rehearsal.testing.Await;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** A run's page in a real browser: watching it live, signing off, completing a manual step, deciding on a failure. */
class RunPageBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();

  /** One command step whose printed error count (3) is over its gate's pass bound (0) but within warn (5): a WARN. */
  private static final String WARN_PHASES = """
      phases:
        smoke:
          - name: check
            command: { run: [echo, '{"errors": 3}'] }
            gates:
              printed: { stdout: true, pointer: /errors, pass: 0, warn: 5 }
        signoff: {}
      """;

  @Test
  void anApproverIsRefusedWithoutAWaiverThenApprovesWithOneAndTheRunSucceedsUnderTheirName() {
    String id = startAndAwait("console-warn", WARN_PHASES, "AWAITING_APPROVAL");

    browser.signIn(baseUrl(), LocalApp.BOB);
    assertThat(browser.heading()).isEqualTo("Waiting for you");
    browser.link(id).click();
    browser.waitUntil(d -> browser.path().equals("/runs/" + id), "the run's page, opened from the inbox");
    assertThat(browser.heading()).isEqualTo("Run " + id);
    assertThat(gateRow("check.printed")).contains("WARN", "3", "pass ≤ 0", "warn ≤ 5", "needs a waiver");
    assertThat(browser.text()).contains("AWAITING_APPROVAL", "Waiting for sign-off", "console-warn", "alice");
    assertThat(browser.driver().findElements(By.cssSelector("a[href*='/evidence/']")))
        .as("an approver opens the evidence they sign over").isNotEmpty();
    browser.field("Comment").sendKeys("Numbers reviewed with the team");
    browser.screenshot("decide");

    browser.button("Approve").click();
    browser.waitUntil(d -> browser.text().contains("Decision refused"), "the refusal to be shown");
    assertThat(browser.text()).contains("need a written waiver: check.printed");
    assertThat(browser.field("Comment").getDomProperty("value")).as("what was typed is kept")
        .isEqualTo("Numbers reviewed with the team");
    assertThat(state(id).get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(browser.consoleProblems()).as("the refusal is answered 409, as the API answers it")
        .singleElement().asString().contains("/signoff", "409");

    browser.field("Waiver for check.printed").sendKeys("Three known flaky errors, tracked in OPS-12");
    browser.button("Approve").click();
    browser.waitUntil(d -> browser.text().contains("You approved this run"), "the approval to be confirmed");
    JsonNode done = Await.value(() -> state(id), s -> s.get("status").asText().equals("SUCCEEDED"), id + " to succeed");
    assertThat(done.at("/approvals/decisions/0/actor").asText()).isEqualTo("bob");
    assertThat(done.at("/approvals/decisions/0/waivers/check.printed").asText()).isEqualTo("Three known flaky errors, tracked in OPS-12");
    assertThat(browser.text()).contains("SUCCEEDED");
    assertThat(live("table.approvals .approver", WebElement::getText)).isEqualTo("bob");
    assertThat(browser.hasButton("Approve")).as("nothing left to decide").isFalse();
    browser.waitUntil(d -> !d.findElements(By.cssSelector("#live [data-live-ended]")).isEmpty(),
        "the live part to say the run has ended, so polling stops");
    browser.screenshot("run");
    browser.assertNoConsoleProblems();
  }

  @Test
  void aStaleEvidenceDigestApprovesNothingAndSaysWhatChanged() {
    String id = startAndAwait("console-stale", WARN_PHASES, "AWAITING_APPROVAL");
    browser.signIn(baseUrl(), LocalApp.CAROL);
    browser.open(baseUrl() + "/runs/" + id);
    WebElement shown = browser.driver().findElement(By.cssSelector("input[name=shownEvidence]"));
    String artifact = shown.getDomProperty("value").split("=")[0];
    // As if the page had been opened before the run's evidence changed: an older digest, another sha256 for an artifact.
    ((JavascriptExecutor) browser.driver()).executeScript("""
        document.querySelector('input[name=evidenceDigest]').value = 'sha256:' + '0'.repeat(64);
        const shown = document.querySelector('input[name=shownEvidence]');
        shown.value = shown.value.replace(/=.*/, '=' + 'f'.repeat(64));""");
    browser.field("Comment").sendKeys("fine");
    browser.field("Waiver for check.printed").sendKeys("known");
    browser.button("Approve").click();

    browser.waitUntil(d -> browser.text().contains("The evidence changed since you opened this page"), "the stale digest");
    assertThat(browser.text()).contains("Nothing was approved", "Changed: " + artifact);
    JsonNode still = state(id);
    assertThat(still.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(still.at("/approvals/decisions").size()).isZero();
    assertThat(still.at("/approvals/refused/0/actor").asText()).isEqualTo("carol");
    assertThat(browser.field("Waiver for check.printed").getDomProperty("value")).isEqualTo("known");
    assertThat(browser.hasButton("Approve")).as("the page now shows the current evidence and may be decided on").isTrue();
  }

  @Test
  void aUserWithoutTheApproverRoleIsOfferedNoDecisionAndAForgedPostIsRefused() throws Exception {
    String id = startAndAwait("console-forged", WARN_PHASES, "AWAITING_APPROVAL");
    browser.signIn(baseUrl(), LocalApp.DAVE);
    browser.open(baseUrl() + "/runs/" + id);
    assertThat(browser.text()).contains("check.printed", "AWAITING_APPROVAL");
    assertThat(browser.hasButton("Approve")).isFalse();
    assertThat(browser.hasButton("Reject")).isFalse();
    String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    String csrf = browser.driver().findElement(By.cssSelector("form.sign-out input[name=_csrf]")).getDomProperty("value");

    HttpResponse<String> forged = post("/runs/" + id + "/signoff", session, Map.of("_csrf", csrf, "decision", "APPROVE",
        "comment", "forged", "gate", "check.printed", "waiver", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("needs the APPROVER role").doesNotContain("Exception");
    JsonNode still = state(id);
    assertThat(still.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(still.at("/approvals/decisions").size()).isZero();
    assertThat(still.at("/approvals/refused/0/actor").asText()).as("the refused attempt is recorded").isEqualTo("dave");

    // An AUDITOR may download evidence, through the console's session as through the API.
    String href = live("a[href*='/evidence/']", link -> link.getDomAttribute("href"));
    HttpResponse<String> download = get(href, session);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(get("/runs/no-such-run", session).statusCode()).as("an unknown run is a 404 page").isEqualTo(404);
  }

  @Test
  void anEngineerCompletesAManualStepWithAFileThenRetriesAFailedStepFromThePage() throws Exception {
    Path fixed = Path.of("/tmp", "rehearsal-console-fixed-" + UUID.randomUUID());
    String id = startAndAwait("console-people", """
        onFailure: ask
        phases:
          preflight:
            - name: review
              manual:
                instructions: "Open the dashboard.\\n  Check <b>queues</b> and \\"><img src=x onerror=alert(1)>"
                items: ["queue depth flat", "no failed jobs"]
                requires: { attachment: true }
          smoke:
            - { name: flaky, retry: { maxAttempts: 1 }, command: { run: [sh, -c, "test -f %s"] } }
          signoff: {}
        """.formatted(fixed), "RUNNING");
    Await.value(() -> state(id), s -> s.path("waitingFor").path("kind").asText().equals("manual"), id + " to wait for review");
    Path screenshot = Files.writeString(Files.createTempFile("dashboard", ".txt"), "queue depth: flat\n");

    browser.signIn(baseUrl(), LocalApp.ALICE);
    browser.open(baseUrl() + "/runs/" + id);
    WebElement instructions = browser.driver().findElement(By.cssSelector(".instructions"));
    assertThat(instructions.getText()).contains("Check <b>queues</b>", "<img src=x onerror=alert(1)>");
    assertThat(instructions.findElements(By.cssSelector("b, img"))).as("plan text is shown, never markup").isEmpty();
    assertThat(browser.text()).contains("queue depth flat", "At least one attachment is required.");
    browser.field("Note").sendKeys("Dashboards checked");
    browser.field("Attachment").sendKeys(screenshot.toString());
    browser.button("Complete step").click();
    browser.waitUntil(d -> browser.text().contains("You completed the manual step review"), "the completion");
    assertThat(browser.text()).contains("CONFIRMED by alice", "review.attachment.1.");

    // The run moves on to the failing step: if that happened after the page was loaded, its live part says so.
    browser.waitUntil(d -> browser.hasButton("Retry") || !d.findElements(By.linkText("Reload the page")).isEmpty(),
        "the failed step's decision form, or the live part offering a reload to show it");
    if (!browser.hasButton("Retry")) {
      clickReload();
      browser.waitUntil(d -> browser.hasButton("Retry"), "the failed step's decision form");
    }
    assertThat(browser.hasButton("Skip") && browser.hasButton("Roll back") && browser.hasButton("Abort")).isTrue();
    Files.writeString(fixed, "fixed");
    try {
      browser.field("Reason").sendKeys("Fixed the config; try again");
      browser.button("Retry").click();
      browser.waitUntil(d -> browser.text().contains("You decided to retry the step flaky"), "the decision");
      JsonNode done = Await.value(() -> state(id), s -> s.get("status").asText().equals("AWAITING_APPROVAL"), id + " to reach sign-off");
      assertThat(done.at("/failureDecisions/decisions/0/actor").asText()).isEqualTo("alice");
      assertThat(done.at("/steps/0/completion/attachments/0/name").asText()).startsWith("review.attachment.1.");
    } finally {
      Files.deleteIfExists(fixed);
    }
    browser.assertNoConsoleProblems();
  }

  @Test
  void theLivePartShowsStepsFinishingAndTheLoadChartWithoutReloadingAndTellsAnApproverWhenTheRunReachesSignOff() {
    browser.signIn(baseUrl(), LocalApp.BOB);
    String id = start("console-live", """
        targets:
          self: { http: { baseUrl: "%s" } }
        phases:
          smoke: [ { name: nap, command: { run: [sleep, "3"] } } ]
          load:
            - name: api-load
              load:
                target: self
                rate: 20
                duration: 2s
                requests: [ { name: health, path: /actuator/health } ]
                gates: { p95LatencyMs: { pass: 1000, warn: 2000 } }
          signoff: {}
        """.formatted(baseUrl()));
    browser.open(baseUrl() + "/runs/" + id);
    browser.waitUntil(d -> stepStatus("nap").equals("RUNNING"), "the step to show as running");
    assertThat(browser.hasButton("Approve")).as("nothing to sign off yet").isFalse();
    ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true;");

    browser.waitUntil(d -> stepStatus("nap").equals("SUCCEEDED"), "the step to show as succeeded");
    browser.waitUntil(d -> browser.text().contains("AWAITING_APPROVAL"), "the run to show as awaiting sign-off");
    browser.waitUntil(d -> !d.findElements(By.linkText("Reload the page")).isEmpty(), "the page to offer a reload to decide");
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded === true;"))
        .as("the same page, updated in place").isEqualTo(true);
    assertThat(live("figure.chart svg polyline.p95", line -> line.getDomAttribute("points")))
        .as("the load step's latency chart, drawn by the server").isNotBlank();
    assertThat(gateRow("api-load.p95LatencyMs")).contains("PASS", "pass ≤ 1000");
    ((JavascriptExecutor) browser.driver()).executeScript("document.querySelector('figure.chart').scrollIntoView();");
    browser.screenshot("run-chart");
    clickReload();
    browser.waitUntil(d -> browser.hasButton("Approve"), "the sign-off form");
    browser.assertNoConsoleProblems();
  }

  private String startAndAwait(String plan, String phases, String status) {
    String id = start(plan, phases);
    Await.value(() -> state(id), s -> s.get("status").asText().equals(status), id + " to be " + status);
    return id;
  }

  /** Starts a run of {@code plan} as alice; {@code keys} are the plan's keys after its name and environment. */
  private String start(String plan, String keys) {
    ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", """
        releaseCandidate: v1.0.0
        plan:
          apiVersion: rehearsal/v1
          name: %s
          environment: staging
        %s""".formatted(plan, keys.indent(2)));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return started.json().get("id").asText();
  }

  private JsonNode state(String id) {
    return api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json();
  }

  private String gateRow(String gate) {
    return live("tr[data-gate='" + gate + "']", WebElement::getText);
  }

  private String stepStatus(String step) {
    return live("tr[data-step='" + step + "'] .step-status", WebElement::getText);
  }

  /** Follows the live part's "Reload the page" link. */
  private static void clickReload() {
    live("a.reload", link -> {
      link.click();
      return "clicked";
    });
  }

  /** Reads an element of the live part, which console.js replaces every 2 s: found again when it went stale meanwhile. */
  private static String live(String css, Function<WebElement, String> read) {
    return browser.waitUntil(d -> {
      try {
        return read.apply(d.findElement(By.cssSelector(css)));
      } catch (StaleElementReferenceException replaced) {
        return null;
      }
    }, css + " in the live part");
  }

  private HttpResponse<String> post(String path, String session, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String session) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
