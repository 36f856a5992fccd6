package dev.rehearsal.api.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleBrowser;
import dev.rehearsal.api.console.ConsoleSession;
import dev.rehearsal.testing.Await;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The audit page in a real browser: the archive check, a filtered CSV and JSON export, a run's printable report. */
class AuditPageBrowserTest extends ConsoleApp {
  @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();

  @Test
  void anAuditorSeesTheArchiveCheckAndDownloadsTheFilteredExportAndAReport() throws Exception {
    String signedOff = LocalApp.startAndAwaitApproval(api(), "audit-console-a", "v3.1.0");
    String waiting = LocalApp.startAndAwaitApproval(api(), "audit-console-b", "v3.1.0");
    assertThat(api().postJson("/api/v1/rehearsals/" + signedOff + "/approvals", LocalApp.BOB,
        Map.of("decision", "APPROVE", "comment", "looks right")).status()).isEqualTo(200);

    browser.signIn(baseUrl(), LocalApp.DAVE);
    browser.link("Audit").click();
    assertThat(browser.heading()).isEqualTo("Audit");
    // Runs of other tests may be archived meanwhile: the page and the REST check must agree on the same archive.
    JsonNode verified = Await.value(() -> {
      browser.open(baseUrl() + "/audit");
      String check = browser.driver().findElement(By.cssSelector(".verify")).getText();
      JsonNode rest = api().get("/api/v1/audit/verify", LocalApp.DAVE).json();
      return check.contains("Archived runs checked: " + rest.get("runs").asInt() + " ") && check.contains("#" + rest.get("headSequence").asLong()
          + " " + rest.get("headManifest").asText()) ? rest : null;
    }, rest -> rest != null && rest.get("runs").asInt() >= 1, "the page to show the archive check GET /api/v1/audit/verify answers");
    assertThat(verified.get("ok").asBoolean()).isTrue();
    assertThat(browser.driver().findElement(By.cssSelector(".verify")).getText()).contains("Intact", "problems: 0.");

    browser.field("Plan").sendKeys("audit-console-a");
    browser.button("Filter").click();
    browser.waitUntil(d -> browser.driver().getCurrentUrl().contains("plan=audit-console-a"), "the filtered page");
    assertThat(browser.text()).contains(signedOff).doesNotContain(waiting);
    browser.screenshot("audit");
    browser.assertNoConsoleProblems();

    ConsoleSession session = ConsoleSession.of(browser, baseUrl());
    String csvHref = browser.link("Export CSV").getDomProperty("href");
    assertThat(csvHref).isEqualTo(baseUrl() + "/audit/export.csv?plan=audit-console-a");
    HttpResponse<String> csv = session.get(csvHref);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"rehearsals.csv\"");
    assertThat(csv.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    List<String> rows = Arrays.asList(csv.body().split("\r\n"));
    assertThat(rows.get(0)).startsWith("run_id,plan,environment,release_candidate,initiator,");
    assertThat(rows.subList(1, rows.size())).as("the filtered run only, with bob's sign-off").singleElement().asString()
        .startsWith(signedOff + ",audit-console-a,staging,v3.1.0,alice,").contains(",SUCCEEDED,", ",APPROVE,ACCEPTED,bob,", "looks right");

    HttpResponse<String> json = session.get(browser.link("Export JSON").getDomProperty("href"));
    assertThat(json.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"rehearsals.json\"");
    JsonNode export = new ObjectMapper().readTree(json.body());
    assertThat(export.get("count").asInt()).isEqualTo(1);
    assertThat(export.get("runs").get(0).get("id").asText()).isEqualTo(signedOff);
    assertThat(session.get(baseUrl() + "/audit/export.csv?from=yesterday").statusCode()).as("a bad filter").isEqualTo(400);

    browser.link("Report").click();
    browser.waitUntil(d -> browser.path().equals("/runs/" + signedOff + "/report"), "the report");
    assertThat(browser.heading()).isEqualTo("Rehearsal of audit-console-a for v3.1.0");
    assertThat(browser.text()).contains("Approved by", "bob");
    assertThat(browser.driver().findElement(By.tagName("body")).getCssValue("max-width"))
        .as("its linked stylesheet applies under the console's CSP").isEqualTo("1152px");
    assertThat(browser.driver().findElements(By.tagName("script"))).isEmpty();
    String artifact = browser.driver().findElement(By.cssSelector("a[href*='/evidence/']")).getDomProperty("href");
    assertThat(artifact).as("evidence opens through the console's session").contains("/runs/" + signedOff + "/evidence/");
    HttpResponse<String> download = session.get(artifact);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
    browser.assertNoConsoleProblems();
  }
}
