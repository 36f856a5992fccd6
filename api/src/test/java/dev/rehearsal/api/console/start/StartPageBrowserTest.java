package dev.rehearsal.api.console.start;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleBrowser;
import dev.rehearsal.api.console.ConsoleSession;
import dev.rehearsal.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The start page in a real browser: validate, fix, start; an oversized paste; a role that may not start. */
class StartPageBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();

  private static final String INVALID = """
      apiVersion: rehearsal/v1
      name: console-start
      environment: staging
      phases:
        smoke: [ { name: "say hello", command: { run: [echo, "${parameters.previousTag}"], timout: 5s } } ]
        signoff: {}
      """;
  private static final String VALID = """
      apiVersion: rehearsal/v1
      name: console-start
      environment: staging
      phases:
        smoke: [ { name: say-hello, command: { run: [echo, "${parameters.previousTag}"], timeout: 5s } } ]
        signoff: {}
      """;

  @Test
  void anEngineerValidatesAPlanSeesEachProblemAtItsPathFixesItAndStartsIt() {
    browser.signIn(baseUrl(), LocalApp.ALICE);
    browser.link("Start").click();
    assertThat(browser.heading()).isEqualTo("Start a rehearsal");

    browser.field("Plan").sendKeys(INVALID);
    browser.field("Release candidate").sendKeys("v2.0.0-console");
    browser.field("Parameters").sendKeys("# the tag to roll back to\npreviousTag=v1.9.9\n");
    browser.button("Validate").click();
    browser.waitUntil(d -> !problems().isEmpty(), "the problems of the invalid plan");
    assertThat(problems()).as("each problem with its path in the plan").anySatisfy(p -> assertThat(p).startsWith("phases.smoke[0].name "))
        .anySatisfy(p -> assertThat(p).startsWith("phases.smoke[0].command.timout "));
    assertThat(browser.field("Plan").getDomProperty("value")).as("the plan is kept in the form").isEqualTo(INVALID);
    assertThat(browser.field("Release candidate").getDomProperty("value")).isEqualTo("v2.0.0-console");
    assertThat(browser.field("Parameters").getDomProperty("value")).contains("previousTag=v1.9.9");
    browser.screenshot("start");
    assertOnlyThePageStatusReported(400);

    WebElement plan = browser.field("Plan");
    plan.clear();
    plan.sendKeys(VALID);
    browser.button("Validate").click();
    browser.waitUntil(d -> browser.text().contains("The plan is valid."), "the plan to validate");
    assertThat(browser.text()).contains("console-start", "staging", "smoke: 1");
    assertThat(problems()).isEmpty();

    browser.button("Start").click();
    browser.waitUntil(d -> browser.path().startsWith("/runs/"), "to land on the run's page");
    String id = browser.path().substring("/runs/".length());
    // The engineer watches the run reach sign-off on its page, which updates itself: the marker survives (no reload).
    ((JavascriptExecutor) browser.driver()).executeScript("window.sameDocument = true;");
    browser.waitUntil(d -> browser.text().contains("AWAITING_APPROVAL"), "the run's page to show it awaiting sign-off");
    assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.sameDocument === true;"))
        .as("shown without a reload").isEqualTo(true);
    JsonNode run = Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(),
        s -> s.path("status").asText().equals("AWAITING_APPROVAL"), id + " to await sign-off");
    assertThat(run.get("initiator").asText()).as("the signed-in user started it").isEqualTo("alice");
    assertThat(run.get("plan").asText()).isEqualTo("console-start");
    assertThat(run.get("releaseCandidate").asText()).isEqualTo("v2.0.0-console");
    assertThat(run.get("steps").get(0).get("summary").asText()).as("the parameter reached the step").contains("v1.9.9");
  }

  @Test
  void aChosenPlanFileIsValidatedAndThenShownInTheFormToEdit() throws Exception {
    Path file = Files.createTempFile("console-upload", ".yaml");
    Files.writeString(file, VALID.replace("name: console-start", "name: console-upload"));
    browser.signIn(baseUrl(), LocalApp.ALICE);
    browser.open(baseUrl() + "/start");
    browser.field("Plan file").sendKeys(file.toString());
    browser.button("Validate").click();
    browser.waitUntil(d -> browser.text().contains("The plan is valid."), "the uploaded plan to validate");

    assertThat(browser.text()).contains("console-upload");
    assertThat(browser.field("Plan").getDomProperty("value")).isEqualTo(Files.readString(file));
    browser.assertNoConsoleProblems();
  }

  @Test
  void aPasteLargerThanThePlanLimitIsRefusedWith413OnThePageAndNothingStarts() {
    browser.signIn(baseUrl(), LocalApp.ALICE);
    browser.open(baseUrl() + "/start");
    String huge = VALID.replace("name: console-start", "name: console-huge") + "#" + "x".repeat(300 * 1024) + "\n";
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", browser.field("Plan"), huge);
    browser.field("Release candidate").sendKeys("v9");
    browser.button("Start").click();
    browser.waitUntil(d -> !problems().isEmpty(), "the refusal");

    assertThat(responseStatus()).isEqualTo(413);
    assertThat(browser.text()).contains("Nothing was started");
    assertThat(problems()).singleElement().asString().startsWith("plan is ").contains("at most 262144 bytes");
    assertThat(runsOf("console-huge")).isEmpty();
    assertOnlyThePageStatusReported(413);
  }

  @Test
  void anApproverIsNotOfferedStartAndAForgedPostWithTheirSessionIsRefused() {
    browser.signIn(baseUrl(), LocalApp.BOB);
    assertThat(browser.driver().findElements(By.xpath("//nav//a[normalize-space()='Start']"))).as("no Start link").isEmpty();
    browser.open(baseUrl() + "/start");
    assertThat(browser.heading()).isEqualTo("Forbidden");
    assertThat(browser.button("Sign out").isDisplayed()).isTrue();

    ConsoleSession session = ConsoleSession.of(browser, baseUrl());
    HttpResponse<String> forged = session.post("/start", session.withCsrf("/start",
        Map.of("plan", VALID.replace("console-start", "console-forged"), "releaseCandidate", "v6.6.6", "action", "start")));

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(forged.body()).contains("Forbidden").doesNotContain("Exception", "at dev.rehearsal");
    assertThat(runsOf("console-forged")).as("nothing started").isEmpty();
  }

  /** The runs of {@code plan}, as the REST list shows them to an auditor. */
  private JsonNode runsOf(String plan) {
    return api().get("/api/v1/rehearsals?plan=" + plan, LocalApp.DAVE).json().get("items");
  }

  /** Each problem on the page as "path message". */
  private static List<String> problems() {
    return browser.driver().findElements(By.cssSelector(".problems li")).stream().map(WebElement::getText).toList();
  }

  /** No script error or blocked resource: Chromium reports only the refusal page's own status (at SEVERE). */
  private static void assertOnlyThePageStatusReported(int status) {
    assertThat(browser.consoleProblems()).allSatisfy(problem -> assertThat(problem)
        .endsWith("/start - Failed to load resource: the server responded with a status of " + status + " ()"));
  }

  /** The HTTP status of the page the browser shows. */
  private static long responseStatus() {
    return (Long) ((JavascriptExecutor) browser.driver())
        .executeScript("return performance.getEntriesByType('navigation')[0].responseStatus");
  }
}
