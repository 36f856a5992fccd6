package dev.rehearsal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests a hostile but fair user sends, byte for byte over a socket: oversized and malicious bodies, malformed
 * queries, encoded traversal. Each is refused with the right status as {@code application/problem+json}, quickly
 * (the server never reads an oversized body to its end), and without a stack trace in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsTest extends LocalApp {
  private static final String ENGINEER = Caller.ENGINEER.token;
  private static final String AUDITOR = Caller.AUDITOR.token;
  private static final int EIGHT_MB = 8 * 1024 * 1024;

  @Autowired JsonMapper json;

  private RawHttp http() {
    return new RawHttp(port);
  }

  private static Map<String, String> auth(String token, String... more) {
    java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + token);
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return headers;
  }

  @Test
  void anEightMegabyteYamlStringIsRefusedWith413WhateverTheFraming() {
    byte[] start = "releaseCandidate: v1\nplan: \"".getBytes(StandardCharsets.UTF_8);
    byte[] filler = "a".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);

    // Announced by Content-Length: refused before reading it; the client sends only its first bytes.
    for (var target : List.of(List.of("/api/v1/rehearsals", ENGINEER), List.of("/api/v1/rehearsals/rh-any/approvals", AUDITOR))) {
      RawHttp.Response declared = http().send("POST " + target.get(0) + " HTTP/1.1",
          auth(target.get(1), "Content-Type", "application/yaml", "Content-Length", String.valueOf(EIGHT_MB)),
          out -> {
            out.write(start);
            out.write(filler);
          });
      assertProblem(declared, 413);
      assertThat(declared.body()).contains("Request body too large");
    }

    // Chunked, so the size shows only while reading: refused once the limit is passed.
    RawHttp.Response startChunked = http().send("POST /api/v1/rehearsals HTTP/1.1",
        auth(ENGINEER, "Content-Type", "application/yaml", "Transfer-Encoding", "chunked"), out -> {
          RawHttp.chunked(start, start.length).write(out);
        });
    assertThat(startChunked.status()).isEqualTo(400); // a tiny chunked body is read as usual (and is no plan)
    RawHttp.Response bigChunked = http().send("POST /api/v1/rehearsals HTTP/1.1",
        auth(ENGINEER, "Content-Type", "application/yaml", "Transfer-Encoding", "chunked"), RawHttp.chunked(filler, EIGHT_MB));
    assertProblem(bigChunked, 413);
    RawHttp.Response approvalChunked = http().send("POST /api/v1/rehearsals/rh-any/approvals HTTP/1.1",
        auth(AUDITOR, "Content-Type", "application/json", "Transfer-Encoding", "chunked"),
        RawHttp.chunked(("{\"comment\": \"" + "a".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8), EIGHT_MB));
    assertProblem(approvalChunked, 413);

    // And the server is still there for everyone else.
    assertThat(http().send("GET /actuator/health/readiness HTTP/1.1", Map.of()).status()).isEqualTo(200);
    assertThat(http().send("GET /api/v1/rehearsals HTTP/1.1", auth(AUDITOR)).status()).isEqualTo(200);
  }

  @Test
  void theJsonParserBehindApprovalsAndCancelsHasItsOwnLimits() {
    StreamReadConstraints limits = json.tokenStreamFactory().streamReadConstraints();
    assertThat(limits.getMaxNestingDepth()).isEqualTo(64);
    assertThat(limits.getMaxDocumentLength()).isEqualTo(256 * 1024);
    assertThat(limits.getMaxStringLength()).isEqualTo(256 * 1024);
  }

  @Test
  void approvalsAndCancelsTakeJsonOnly() {
    for (String path : List.of("/api/v1/rehearsals/rh-any/approvals", "/api/v1/rehearsals/rh-any/cancel",
        "/api/v1/rehearsals/rh-any/steps/restore/decision")) {
      String yaml = "decision: APPROVE\n";
      RawHttp.Response response = http().send("POST " + path + " HTTP/1.1",
          auth(path.endsWith("cancel") ? ENGINEER : AUDITOR, "Content-Type", "application/yaml",
              "Content-Length", String.valueOf(yaml.length())), out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)));
      assertProblem(response, 415);
    }
  }

  @Test
  void aMalformedMultipartOrJsonBodyIs400SayingWhichBodyCouldNotBeRead() {
    String path = "/api/v1/rehearsals/rh-any/steps/look/complete";
    String truncated = "--b\r\nContent-Disposition: form-data; name=\"outcome\"\r\n\r\nCONFIRMED";
    for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=b")) {
      RawHttp.Response broken = post(path, ENGINEER, type, truncated);
      assertProblem(broken, 400);
      assertThat(broken.body()).as(type).contains("the multipart body could not be read").doesNotContain("query string");
    }
    RawHttp.Response notJson = post("/api/v1/rehearsals/rh-any/steps/restore/decision", ENGINEER, "application/json", "retry");
    assertProblem(notJson, 400);
    assertThat(notJson.body()).contains("the request body could not be read: send a JSON object");
  }

  @Test
  void deepNestingAndAliasesInAPlanAre400WithTheReason() {
    String deep = "releaseCandidate: v1\nplan: " + "[".repeat(200) + "]".repeat(200) + "\n";
    RawHttp.Response nested = post("/api/v1/rehearsals", ENGINEER, "application/yaml", deep);
    assertProblem(nested, 400);
    assertThat(nested.body()).contains("nesting depth", "50");

    String laughs = """
        releaseCandidate: v1
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        plan: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        """;
    RawHttp.Response aliases = post("/api/v1/plans/validate", ENGINEER, "application/yaml", laughs);
    assertProblem(aliases, 400);
    assertThat(aliases.body()).contains("aliases (*a) are not allowed");
  }

  @Test
  void aMalformedQueryIs400WithoutAStackTrace(CapturedOutput output) {
    int before = output.getAll().length();
    for (String target : List.of("/actuator/health/readiness?x=%%%", "/api/v1/rehearsals?x=%%%", "/api/v1/rehearsals?status=%zz")) {
      RawHttp.Response response = http().send("GET " + target + " HTTP/1.1", auth(AUDITOR));
      assertProblem(response, 400);
    }
    assertProblem(http().send("GET /actuator/health/readiness?x=%%% HTTP/1.1", Map.of()), 400);
    String logged = output.getAll().substring(before);
    assertThat(logged).doesNotContain(" ERROR ").doesNotContain("\tat ");
  }

  @Test
  void everyRefusalIsAProblemDocumentEvenBeforeTheApplication(CapturedOutput output) {
    int before = output.getAll().length();
    Map<String, Integer> refused = new java.util.LinkedHashMap<>();
    refused.put("GET /api/v1/rehearsals/..%2f..%2fetc/evidence/x HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/%2e%2e/%2e%2e/etc/evidence/x HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/rh-1/evidence/..%2F..%2Fusers.yaml HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/rh-1/evidence/%2e%2e%5c%2e%2e%5cusers.yaml HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/rh-1/evidence/x%00.log HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/rh-1/evidence/..\\..\\users.yaml HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/../audit/verify HTTP/1.1", 400);
    refused.put("GET //api/v1/rehearsals HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals;jsessionid=1 HTTP/1.1", 400);
    refused.put("GET /api/v1/%%% HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals/%ff%fe HTTP/1.1", 400);
    refused.put("GET /api/v1/rehearsals?status%00=RUNNING HTTP/1.1", 400);
    refused.put("GET /nothing-here HTTP/1.1", 404);
    refused.put("GET /api/v1/rehearsals/rh-nope HTTP/1.1", 404);
    refused.put("GET /api/v1/rehearsals/rh-nope/evidence/x.log HTTP/1.1", 404);
    refused.put("GET /error HTTP/1.1", 404);
    refused.put("GET /actuator/nope HTTP/1.1", 404);
    refused.put("POST /actuator/health/readiness HTTP/1.1", 405);
    refused.put("DELETE /api/v1/rehearsals HTTP/1.1", 405);
    refused.put("TRACE /api/v1/rehearsals HTTP/1.1", 405);
    refused.put("GET /api/v1/audit/verify HTTP/1.1", 403);
    refused.put("GET /api/v1/unknown HTTP/1.1", 404);
    refused.forEach((request, status) -> {
      RawHttp.Response response = http().send(request, auth(ENGINEER, "Accept", "text/html"));
      assertThat(response.status()).as(request).isEqualTo(status);
      assertThat(response.contentType()).as(request + " -> " + response.body()).startsWith("application/problem+json");
      assertThat(response.body()).as(request).contains("\"status\":" + status).doesNotContain("<html", "Exception");
    });

    RawHttp.Response notAcceptable = http().send("GET /api/v1/rehearsals HTTP/1.1", auth(ENGINEER, "Accept", "image/png"));
    assertProblem(notAcceptable, 406);
    RawHttp.Response unsupported = post("/api/v1/plans/validate", ENGINEER, "image/png", "x");
    assertProblem(unsupported, 415);
    RawHttp.Response badJson = post("/api/v1/rehearsals/rh-any/cancel", ENGINEER, "application/json", "{not json");
    assertProblem(badJson, 400);
    assertThat(output.getAll().substring(before)).doesNotContain("\tat ");
  }

  private RawHttp.Response post(String path, String token, String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return http().send("POST " + path + " HTTP/1.1",
        auth(token, "Content-Type", type, "Content-Length", String.valueOf(bytes.length)), out -> out.write(bytes));
  }

  private static void assertProblem(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
  }
}
