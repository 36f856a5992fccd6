package dev.rehearsal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/plans/schema} serves the committed {@code docs/plan.schema.json}, to any user and to nobody else. */
class PlanSchemaEndpointTest extends LocalApp {
  /** Relative to the module directory, where Maven runs the tests. */
  private static final Path COMMITTED = Path.of("..", "docs", "plan.schema.json");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyUserGetsTheCommittedSchemaByteForByte() throws Exception {
    byte[] committed = Files.readAllBytes(COMMITTED);
    for (Caller user : new Caller[] {Caller.ENGINEER, Caller.APPROVER, Caller.AUDITOR}) {
      HttpResponse<byte[]> response = get(user, null);

      assertThat(response.statusCode()).as("as " + user).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/schema+json"));
      assertThat(response.body()).as("as " + user).isEqualTo(committed);
    }
  }

  @Test
  void aClientAskingForJsonGetsTheSameDocumentAsJson() throws Exception {
    HttpResponse<byte[]> response = get(Caller.ENGINEER, "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(response.body())).isEqualTo(json.readTree(COMMITTED.toFile()));
    assertThat(json.readTree(response.body()).path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void withoutAKnownTokenTheAnswerIs401AndNoSchema() throws Exception {
    for (Caller stranger : new Caller[] {Caller.NONE, Caller.BAD_TOKEN}) {
      HttpResponse<byte[]> response = get(stranger, null);

      assertThat(response.statusCode()).as("as " + stranger).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("$defs");
    }
  }

  private HttpResponse<byte[]> get(Caller caller, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/plans/schema"));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (caller.token != null) {
      request.header("Authorization", "Bearer " + caller.token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
