package dev.rehearsal.api.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleBrowser;
import dev.rehearsal.testing.Await;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * A plan with markup in every text it can carry (name, step names and keys, arguments, parameters, the release
 * candidate; an environment with markup is refused, and its refusal shows it) and a sign-off comment with markup: the
 * start, audit and runs pages and the report show it as inert text. No dialog opens, and no element it describes
 * exists in the page.
 */
class HostilePlanBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();
  private static final String HOSTILE = "</textarea><script>alert(1)</script>\"><img src=x onerror=alert(1)>";

  @Test
  void markupFromAPlanOrAUserRendersAsInertText() {
    String id = startHostileRunAndSignItOff();

    browser.signIn(baseUrl(), LocalApp.ALICE);
    browser.open(baseUrl() + "/start");
    String pasted = """
        apiVersion: rehearsal/v1
        name: 'xss-%1$s'
        environment: 'staging-%1$s'
        phases:
          smoke: [ { name: '%1$s', command: { run: [echo, '%1$s'] }, '%1$s': 1 } ]
          signoff: {}
        """.formatted(HOSTILE);
    browser.field("Plan").sendKeys(pasted);
    browser.field("Parameters").sendKeys("note=" + HOSTILE);
    browser.button("Validate").click();
    browser.waitUntil(d -> !d.findElements(By.cssSelector(".problems li")).isEmpty(), "the problems");
    assertInert();
    assertThat(browser.text()).as("the hostile key, shown as its path").contains("phases.smoke[0]." + HOSTILE)
        .as("the refused environment, quoted").contains("'staging-" + HOSTILE + "' is not an environment name");
    assertThat(browser.field("Plan").getDomProperty("value")).as("kept whole in the form").isEqualTo(pasted);
    assertThat(browser.field("Parameters").getDomProperty("value")).isEqualTo("note=" + HOSTILE);

    browser.button("Sign out").click();
    browser.signIn(baseUrl(), LocalApp.DAVE);
    browser.open(baseUrl() + "/audit");
    assertInert();
    assertThat(browser.text()).contains("xss-" + HOSTILE, "rc-" + HOSTILE);
    browser.open(baseUrl() + "/runs");
    assertInert();
    browser.open(baseUrl() + "/runs/" + id + "/report");
    assertInert();
    assertThat(browser.text()).contains("xss-" + HOSTILE, "hello " + HOSTILE, "bob (APPROVE): " + HOSTILE);
  }

  private String startHostileRunAndSignItOff() {
    ApiClient api = api();
    Map<String, Object> plan = Map.of("apiVersion", "rehearsal/v1", "name", "xss-" + HOSTILE, "environment", "staging",
        "phases", Map.of(
            "smoke", List.of(Map.of("name", "say", "command", Map.of("run", List.of("echo", "hello", "${parameters.note}")))),
            "signoff", Map.of()));
    ApiClient.Response started = api.postJson("/api/v1/rehearsals", LocalApp.ALICE,
        Map.of("plan", plan, "releaseCandidate", "rc-" + HOSTILE, "parameters", Map.of("note", HOSTILE)));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.until(() -> api.get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json().get("status").asText().equals("AWAITING_APPROVAL"),
        id + " to await sign-off");
    ApiClient.Response approved = api.postJson("/api/v1/rehearsals/" + id + "/approvals", LocalApp.BOB,
        Map.of("decision", "APPROVE", "comment", HOSTILE));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    return id;
  }

  /** No dialog opened, no element the markup describes exists, and the only script is the console's own. */
  private static void assertInert() {
    assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
    assertThat(browser.driver().findElements(By.tagName("script"))).map(script -> script.getDomAttribute("src"))
        .allSatisfy(src -> assertThat(src).isEqualTo("/console/console.js"));
  }
}
