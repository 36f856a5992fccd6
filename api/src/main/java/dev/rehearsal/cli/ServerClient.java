package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API as the command line calls it; every failure becomes a {@link CliFailure} with its exit code.
 * {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter sets up TLS and a selector thread
 * even for a single plain-HTTP call, about 0.2 s of a command's start-up.
 */
final class ServerClient {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 30_000;

  private final Connection connection;

  ServerClient(Connection connection) {
    this.connection = connection;
  }

  JsonNode get(String path) {
    return Json.parse(checked(exchange("GET", path, Map.of("Accept", "application/json"), null, ServerClient::whole)).body());
  }

  /** {@code body} is a JSON tree ({@link Json#object()}), or any value Jackson can serialise. */
  JsonNode post(String path, Object body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Accept", "application/json");
    JsonNode tree = body instanceof JsonNode node ? node : new ObjectMapper().valueToTree(body);
    return Json.parse(checked(exchange("POST", path, all, new JsonBody(Json.bytes(tree)), ServerClient::whole)).body());
  }

  JsonNode postMultipart(String path, MultipartBody body) {
    return Json.parse(checked(exchange("POST", path, Map.of("Accept", "application/json"), body, ServerClient::whole)).body());
  }

  /**
   * GET {@code path} asking for {@code accept}, the body streamed to {@code sink} as the server sends it (binary-safe);
   * a refusal maps to a {@link CliFailure} like every other call, and nothing of it reaches {@code sink}.
   */
  void download(String path, String accept, OutputStream sink) {
    checked(exchange("GET", path, Map.of("Accept", accept), null, (status, in) -> {
      if (status >= 300) {
        return new Response(status, in.readNBytes(64 * 1024));
      }
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        write(sink, buffer, n);
      }
      return new Response(status, new byte[0]);
    }));
  }

  private static void write(OutputStream sink, byte[] buffer, int length) {
    try {
      sink.write(buffer, 0, length);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.REFUSED, "cannot write the download: " + e.getMessage());
    }
  }

  /** A response as it came: its status and body (empty when it had none, or when it was streamed elsewhere). */
  record Response(int status, byte[] body) {}

  /** Reads a response's status and body stream (the error stream for 4xx/5xx) as it arrives. */
  @FunctionalInterface
  private interface ResponseReader {
    Response read(int status, InputStream body) throws IOException;
  }

  private record JsonBody(byte[] bytes) implements RequestBody {
    @Override
    public String contentType() {
      return "application/json";
    }

    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes);
    }
  }

  private static Response whole(int status, InputStream body) throws IOException {
    return new Response(status, body.readAllBytes());
  }

  /**
   * One HTTP exchange with the server, the seam every request goes through: the token is added here, and a server
   * that cannot be reached becomes exit code 69. Any status is returned; {@link #checked} maps refusals.
   */
  private Response exchange(String method, String path, Map<String, String> headers, RequestBody body, ResponseReader reader) {
    HttpURLConnection http = open(path);
    try {
      http.setRequestMethod(method);
      http.setConnectTimeout(CONNECT_TIMEOUT_MS);
      http.setReadTimeout(READ_TIMEOUT_MS);
      // Redirects are answers of their own (HttpClient's default too): never re-send the token elsewhere.
      http.setInstanceFollowRedirects(false);
      http.setRequestProperty("Authorization", "Bearer " + connection.token());
      headers.forEach(http::setRequestProperty);
      if (body != null) {
        // Fixed-length streaming also stops HttpURLConnection from silently re-sending a POST on a dropped connection.
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", body.contentType());
        http.setFixedLengthStreamingMode(body.length());
        try (OutputStream out = http.getOutputStream()) {
          body.writeTo(out);
        }
      }
      int status = http.getResponseCode();
      try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
        return reader.read(status, in == null ? InputStream.nullInputStream() : in);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + connection.url() + ": " + why(e));
    } finally {
      http.disconnect();
    }
  }

  private HttpURLConnection open(String path) {
    URL url;
    try {
      url = URI.create(connection.url() + path).toURL();
    } catch (IllegalArgumentException | IOException e) {
      throw new CliFailure(ExitCode.USAGE, "not a valid URL: " + connection.url());
    }
    try {
      return (HttpURLConnection) url.openConnection();
    } catch (IOException e) {
      throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + connection.url() + ": " + why(e));
    }
  }

  private static String why(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The response when it is a success; otherwise the failure (and exit code) its status and problem mean. */
  private Response checked(Response response) {
    int status = response.status();
    if (status < 300) {
      return response;
    }
    JsonNode problem = Json.parse(response.body());
    String why = firstText(problem.path("detail"), problem.path("title")).orElse("HTTP " + status);
    if (status == 401) {
      throw new CliFailure(ExitCode.NOT_PERMITTED, "not authenticated at " + connection.url() + ": check the token");
    }
    if (status == 403) {
      throw new CliFailure(ExitCode.NOT_PERMITTED, "not permitted: " + why);
    }
    if (status == 400 && problem.has("problems")) {
      throw new InvalidPlan(problem.get("problems"));
    }
    throw new CliFailure(status >= 500 ? ExitCode.UNREACHABLE : ExitCode.REFUSED, "refused (HTTP " + status + "): " + why);
  }

  private static Optional<String> firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (node.isTextual() && !node.asText().isBlank()) {
        return Optional.of(node.asText().replace('\n', ' '));
      }
    }
    return Optional.empty();
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
