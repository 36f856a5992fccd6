package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST API as the command line calls it; every failure becomes a {@link CliFailure} with its exit code. */
final class ServerClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Connection connection;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ServerClient(Connection connection) {
    this.connection = connection;
  }

  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  JsonNode post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    headers.forEach(request::header);
    return send(request.build());
  }

  JsonNode postMultipart(String path, MultipartBody body) {
    return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()).build());
  }

  private HttpRequest.Builder request(String path) {
    try {
      return HttpRequest.newBuilder(URI.create(connection.url() + path)).timeout(TIMEOUT)
          .header("Authorization", "Bearer " + connection.token()).header("Accept", "application/json");
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.USAGE, "not a valid URL: " + connection.url());
    }
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String why = e instanceof java.net.ConnectException ? "connection refused"
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + connection.url() + ": " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while calling " + connection.url());
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status < 300) {
      return body;
    }
    String why = firstText(body.path("detail"), body.path("title")).orElse("HTTP " + status);
    if (status == 401) {
      throw new CliFailure(ExitCode.NOT_PERMITTED, "not authenticated at " + connection.url() + ": check the token");
    }
    if (status == 403) {
      throw new CliFailure(ExitCode.NOT_PERMITTED, "not permitted: " + why);
    }
    if (status == 400 && body.has("problems")) {
      throw new InvalidPlan(body.get("problems"));
    }
    throw new CliFailure(status >= 500 ? ExitCode.UNREACHABLE : ExitCode.REFUSED, "refused (HTTP " + status + "): " + why);
  }

  private static java.util.Optional<String> firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (node.isTextual() && !node.asText().isBlank()) {
        return java.util.Optional.of(node.asText().replace('\n', ' '));
      }
    }
    return java.util.Optional.empty();
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException("a request body always serialises", e);
    }
  }

  /** The server refused a plan: its problems, each with its path. */
  static final class InvalidPlan extends RuntimeException {
    private final JsonNode problems;

    InvalidPlan(JsonNode problems) {
      super(null, null, false, false);
      this.problems = problems;
    }

    JsonNode problems() {
      return problems;
    }
  }
}
