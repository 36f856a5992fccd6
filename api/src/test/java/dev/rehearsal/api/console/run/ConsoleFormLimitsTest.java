package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.console.ConsoleSession;
import dev.rehearsal.testing.Await;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The run page's forms get body limits that fit what they carry: a sign-off form sends back every evidence item the
 * page showed, a completion carries files. A body past its limit is refused with the console's page, not raw JSON.
 */
class ConsoleFormLimitsTest extends ConsoleApp {
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Test
  void aSignOffFormWithManyShownEvidenceItemsReachesTheRunAndAnOversizedOneGetsTheConsolesPage() {
    String id = startAwaitingApproval();
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    String csrf = bob.csrfToken("/runs/" + id);
    // 100 evidence items (about 11 KB, over the API's 8 KB for small bodies) and a comment one character too long:
    // the run refuses the comment (400) and the page keeps what the approver typed.
    String typed = "Reviewed-" + UUID.randomUUID() + "x".repeat(4000);
    List<String> fields = new ArrayList<>(List.of("_csrf=" + csrf, "decision=APPROVE", "comment=" + encode(typed),
        "evidenceDigest=sha256:" + "0".repeat(64)));
    for (int i = 0; i < 100; i++) {
      fields.add("shownEvidence=" + encode("check.a1.stdout-" + i + "=" + "a".repeat(64)));
    }
    HttpResponse<String> refused = bob.send("POST", "/runs/" + id + "/signoff", "application/x-www-form-urlencoded",
        String.join("&", fields).getBytes(StandardCharsets.UTF_8));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(refused.body()).contains("comment", typed.substring(0, 45));

    // Past the sign-off limit (1 MB by default): the console's 413 page with its headers, and nothing decided.
    byte[] huge = ("_csrf=" + csrf + "&decision=APPROVE&comment=" + "y".repeat(1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> tooLarge = bob.send("POST", "/runs/" + id + "/signoff", "application/x-www-form-urlencoded", huge);
    assertConsolePage(tooLarge, 413, "Request body too large");
    HttpResponse<String> chunked = bob.postChunked("/runs/" + id + "/signoff", "application/x-www-form-urlencoded", huge);
    assertConsolePage(chunked, 413, "Request body too large");
    assertThat(api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json().get("status").asText())
        .isEqualTo("AWAITING_APPROVAL");
  }

  @Test
  void aCompletionFromTheConsoleTakesAttachmentsUpToTheApisCompletionLimits() {
    ConsoleSession carol = ConsoleSession.signedIn(baseUrl(), LocalApp.CAROL);
    String csrf = carol.csrfToken("/");
    String boundary = "----limits" + UUID.randomUUID().toString().replace("-", "");
    byte[] file = new byte[20_000];
    String head = part(boundary, "_csrf", csrf) + part(boundary, "outcome", "CONFIRMED") + part(boundary, "note", "x")
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[start.length + file.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(end, 0, body, start.length + file.length, end.length);

    // A 20 KB attachment reaches the completion (which finds no such run) instead of an 8 KB refusal.
    HttpResponse<String> answer = carol.send("POST", "/runs/rh-no-such-run/steps/m1/complete",
        "multipart/form-data; boundary=" + boundary, body);
    assertConsolePage(answer, 404, "rh-no-such-run");
  }

  private static void assertConsolePage(HttpResponse<String> page, int status, String text) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.body()).contains("<html", text).doesNotContain("\"detail\"");
  }

  private String startAwaitingApproval() {
    ApiClient.Response started = api().post("/api/v1/rehearsals", LocalApp.ALICE, "application/yaml", """
        releaseCandidate: v1.0.0
        plan:
          apiVersion: rehearsal/v1
          name: console-limits
          environment: staging
          phases:
            smoke:
              - name: check
                command: { run: [echo, ok] }
            signoff: {}
        """);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().get("id").asText();
    Await.value(() -> api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json(),
        s -> s.get("status").asText().equals("AWAITING_APPROVAL"), id + " to await approval");
    return id;
  }

  private static String part(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
