package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * An approver on a phone: every page fits a 375-pixel-wide screen without sideways scrolling, and the decide form is
 * reached and used from the keyboard alone (Tab to the comment, type, Tab on to Approve, Enter).
 */
class PhoneWidthBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();

  @AfterEach
  void laptopAgain() {
    browser.driver().manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  void everyPageFitsAPhoneAndTheApproverSignsOffFromTheKeyboard() {
    String id = LocalApp.startAndAwaitApproval(api(), "phone-width", "v7.0.0");
    browser.driver().manage().window().setSize(new Dimension(375, 812));
    browser.signIn(baseUrl(), LocalApp.BOB);

    List<String> overflowing = new ArrayList<>();
    for (String page : List.of("/", "/runs", "/runs/" + id)) {
      browser.open(baseUrl() + page);
      Number wide = (Number) js().executeScript("return document.documentElement.scrollWidth;");
      Number shown = (Number) js().executeScript("return window.innerWidth;");
      if (wide.intValue() > shown.intValue()) {
        overflowing.add(page + " is " + wide + "px wide on a " + shown + "px screen");
      }
    }
    assertThat(overflowing).as("pages that scroll sideways on a phone").isEmpty();
    browser.screenshot("run-phone");

    tabTo(browser.field("Comment"), "the Comment field").sendKeys("Reviewed on my phone");
    tabTo(browser.button("Approve"), "the Approve button").sendKeys(Keys.ENTER);

    browser.waitUntil(d -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json().get("status").asText()
        .equals("SUCCEEDED"), "the run to end SUCCEEDED after a keyboard-only approval");
    assertThat(api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json().at("/approvals/decisions/0/actor").asText())
        .isEqualTo("bob");
  }

  /** Presses Tab from where the focus is until {@code target} has it, as a keyboard user would. */
  private static WebElement tabTo(WebElement target, String what) {
    for (int tabs = 0; tabs < 80 && !target.equals(browser.driver().switchTo().activeElement()); tabs++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    }
    assertThat(browser.driver().switchTo().activeElement()).as(what + " is reached with Tab").isEqualTo(target);
    return target;
  }

  private static JavascriptExecutor js() {
    return (JavascriptExecutor) browser.driver();
  }
}
