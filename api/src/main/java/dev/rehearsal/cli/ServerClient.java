package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    HttpResponse<String> response = call(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status < 300) {
      return body;
    }
    throw refusal(status, body);
  }

  /**
   * GET {@code path} asking for {@code accept}, the body streamed to {@code sink} as the server sends it (binary-safe);
   * a refusal maps to a {@link CliFailure} like every other call, and nothing of it reaches {@code sink}.
   */
  void download(String path, String accept, OutputStream sink) {
    HttpResponse<InputStream> response = call(request(path).setHeader("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() >= 300) {
        throw refusal(response.statusCode(), parse(new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
      }
      byte[] buffer = new byte[64 * 1024];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        write(sink, buffer, n);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCode.UNREACHABLE, "lost " + connection.url() + " while reading " + path + ": " + e.getMessage());
    }
  }

  private static void write(OutputStream sink, byte[] buffer, int length) {
    try {
      sink.write(buffer, 0, length);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.REFUSED, "cannot write the download: " + e.getMessage());
    }
  }

  private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      String why = e instanceof java.net.ConnectException ? "connection refused"
          : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + connection.url() + ": " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while calling " + connection.url());
    }
  }

  /** What an answer of 300 and over means for the command line, from its problem document. */
  private RuntimeException refusal(int status, JsonNode body) {
    String why = firstText(body.path("detail"), body.path("title")).orElse("HTTP " + status);
    if (status == 401) {
      return new CliFailure(ExitCode.NOT_PERMITTED, "not authenticated at " + connection.url() + ": check the token");
    }
    if (status == 403) {
      return new CliFailure(ExitCode.NOT_PERMITTED, "not permitted: " + why);
    }
    if (status == 400 && body.has("problems")) {
      return new InvalidPlan(body.get("problems"));
    }
    return new CliFailure(status >= 500 ? ExitCode.UNREACHABLE : ExitCode.REFUSED, "refused (HTTP " + status + "): " + why);
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
