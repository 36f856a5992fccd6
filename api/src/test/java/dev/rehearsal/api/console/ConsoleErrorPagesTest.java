package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What no console page answers (an unknown sub-path, a method or content type no page takes, a path the firewall
 * refuses) is the console's error page with the right status and the console's headers; API paths keep problem+json.
 */
class ConsoleErrorPagesTest extends ConsoleApp {
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Test
  void unknownConsolePathsWrongMethodsAndContentTypesAnswerConsolePages() {
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    for (String path : new String[] {"/runs/", "/runs/x/y/z", "/runs/rh-1/evidence/x/y", "/logout"}) {
      HttpResponse<String> page = bob.get(path);
      assertConsolePage(page, 404, "There is no console page at this address.");
      assertThat(page.body()).as("signed in: the header shows who").contains("Sign out");
    }
    for (String path : new String[] {"/runs", "/runs/rh-1", "/login"}) {
      HttpResponse<String> page = bob.send("PUT", path, "application/x-www-form-urlencoded",
          ("_csrf=" + bob.csrfToken("/")).getBytes(StandardCharsets.UTF_8));
      assertConsolePage(page, 405, "Method Not Allowed");
      assertThat(page.headers().firstValue("Allow")).as(path).isPresent();
    }
    HttpResponse<String> formEncoded = bob.send("POST", "/runs/rh-1/steps/m1/complete",
        "application/x-www-form-urlencoded", ("_csrf=" + bob.csrfToken("/") + "&outcome=CONFIRMED").getBytes(StandardCharsets.UTF_8));
    assertConsolePage(formEncoded, 415, "Unsupported Media Type");

    HttpResponse<String> api = bob.get("/api/v1/nothing-here");
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void anOversizedStartFormGetsTheConsolesPageAndStartsNothing() {
    ConsoleSession alice = ConsoleSession.signedIn(baseUrl(), LocalApp.ALICE);
    String form = "_csrf=" + alice.csrfToken("/start") + "&plan=" + "x".repeat(600 * 1024);
    HttpResponse<String> page = alice.send("POST", "/start", "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.UTF_8));
    assertConsolePage(page, 413, "Request body too large");
  }

  @Test
  void requestsTheFirewallRefusesOnConsolePathsGetTheConsolesPageAndOnApiPathsAProblem() {
    ConsoleSession anyone = new ConsoleSession(baseUrl());
    assertConsolePage(anyone.get("/runs/%2e%2e/"), 400, "Bad request");
    assertConsolePage(anyone.get("/runs;jsessionid=x"), 400, "Bad request");
    assertConsolePage(anyone.send("POST", "/runs/rh-1/steps/m1/complete", "multipart/form-data", new byte[] {1}), 400,
        "the multipart body could not be read");
    assertThat(anyone.get("/api/v1/rehearsals/%2e%2e/").headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
  }

  @Test
  void aJsonExportWithABadFilterIsAnHtmlPageNotHtmlLabelledJson() {
    ConsoleSession dave = ConsoleSession.signedIn(baseUrl(), LocalApp.DAVE);
    for (String export : new String[] {"/audit/export.json?from=bad", "/audit/export.csv?from=bad"}) {
      HttpResponse<String> page = dave.get(export);
      assertConsolePage(page, 400, "from");
      assertThat(page.headers().firstValue("Content-Disposition")).as(export).isEmpty();
    }
  }

  private static void assertConsolePage(HttpResponse<String> page, int status, String text) {
    String what = page.request().method() + " " + page.uri();
    assertThat(page.statusCode()).as(what + ": " + page.body()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).as(what).hasValue(CSP);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(page.body()).as(what).contains("<html", text).doesNotContain("\"detail\"", "Exception");
  }
}
