package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing in to the console with one's token in a real browser, and what the pages then show. */
class ConsoleSignInBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();

  @Test
  void anApproverSignsInWithTheirTokenAndSeesTheRunAwaitingTheirSignOff() {
    String id = LocalApp.startAndAwaitApproval(api(), "console-signin", "v1.0.0-console");

    browser.open(baseUrl() + "/");
    assertThat(browser.path()).as("signed out: asked to sign in").isEqualTo("/login");
    browser.screenshot("login");
    browser.signIn(baseUrl(), LocalApp.BOB);

    assertThat(browser.heading()).isEqualTo("Waiting for you");
    assertThat(browser.text()).contains("bob", "APPROVER", "console-signin", "staging", "v1.0.0-console", "Sign-off");
    assertThat(browser.link(id).getDomAttribute("href")).isEqualTo("/runs/" + id);
    browser.screenshot("inbox");
    browser.assertNoConsoleProblems();

    browser.link("Runs").click();
    browser.field("Status").sendKeys("AWAITING_APPROVAL");
    browser.button("Filter").click();
    browser.waitUntil(d -> d.getCurrentUrl().contains("status=AWAITING_APPROVAL"), "the filtered list");
    assertThat(browser.heading()).isEqualTo("Runs");
    assertThat(browser.link(id).getDomAttribute("href")).isEqualTo("/runs/" + id);
    assertThat(browser.driver().findElements(By.cssSelector("tbody .badge"))).extracting(WebElement::getText)
        .as("status shown as text").isNotEmpty().allMatch("AWAITING_APPROVAL"::equals);
    browser.screenshot("runs");
    new Select(browser.field("Status")).selectByVisibleText("REJECTED");
    browser.button("Filter").click();
    browser.waitUntil(d -> d.getCurrentUrl().contains("status=REJECTED"), "the list of rejected runs");
    assertThat(browser.text()).doesNotContain(id);
    browser.assertNoConsoleProblems();

    browser.button("Sign out").click();
    browser.waitUntil(d -> browser.path().equals("/login"), "to be back on the login page");
    assertThat(browser.text()).contains("You have signed out.");
    browser.open(baseUrl() + "/");
    assertThat(browser.path()).as("the session is gone").isEqualTo("/login");
  }

  /** console.js on a fixture page (test resources): the live part is swapped for its fragment, under the CSP. */
  @Test
  void liveHelperSwapsInTheServerRenderedFragment() {
    browser.open(baseUrl() + "/console/test/live.html");
    assertThat(browser.text()).contains("Waiting for the first refresh");
    browser.waitUntil(d -> !d.findElements(By.id("fresh")).isEmpty(), "the live part to be refreshed");
    assertThat(browser.text()).contains("Run ended: SUCCEEDED").doesNotContain("Waiting for the first refresh");
    browser.assertNoConsoleProblems();
  }

  @Test
  void aWrongTokenIsRefusedWithoutSayingWhy() {
    browser.signInExpectingFailure(baseUrl(), "not-a-token");
    assertThat(browser.text()).contains("Sign-in failed").doesNotContain("unknown", "token not");
  }
}
