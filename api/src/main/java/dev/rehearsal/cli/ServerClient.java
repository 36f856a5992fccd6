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
  private boolean answered;

  ServerClient(Connection connection) {
    this.connection = connection;
  }

  /**
   * GET {@code path}: the answer must be the API's JSON, with a value for each of {@code fields}; anything else (a
   * proxy's sign-in page, a web app that answers every path) is not taken for a success.
   */
  JsonNode get(String path, String... fields) {
    return json(path, exchange("GET", path, Map.of("Accept", "application/json"), null, ServerClient::whole), fields);
  }

  /** {@code body} is a JSON tree ({@link Json#object()}), or any value Jackson can serialise; the answer as {@link #get}. */
  JsonNode post(String path, Object body, Map<String, String> headers, String... fields) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Accept", "application/json");
    JsonNode tree = body instanceof JsonNode node ? node : new ObjectMapper().valueToTree(body);
    return json(path, exchange("POST", path, all, new JsonBody(Json.bytes(tree)), ServerClient::whole), fields);
  }

  JsonNode postMultipart(String path, MultipartBody body, String... fields) {
    return json(path, exchange("POST", path, Map.of("Accept", "application/json"), body, ServerClient::whole), fields);
  }

  /** Whether the server has answered this process at all: an outage after that is worth waiting out, a wrong URL is not. */
  boolean answered() {
    return answered;
  }

  /**
   * GET {@code path} asking for {@code accept}, the body streamed to {@code sink} as the server sends it (binary-safe);
   * a refusal maps to a {@link CliFailure} like every other call, and nothing of it reaches {@code sink}, nor of an
   * answer of another type than asked (a sign-in page instead of a report).
   */
  void download(String path, String accept, OutputStream sink) {
    Response response = checked(exchange("GET", path, Map.of("Accept", accept), null, (status, type, in) -> {
      if (status >= 300 || !MediaTypes.accepts(accept, type)) {
        return new Response(status, in.readNBytes(64 * 1024), type, null);
      }
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        write(sink, buffer, n);
      }
      return new Response(status, new byte[0], type, null);
    }));
    if (!MediaTypes.accepts(accept, response.contentType())) {
      throw unexpected(path, response, "asked for " + accept);
    }
  }

  private static void write(OutputStream sink, byte[] buffer, int length) {
    try {
      sink.write(buffer, 0, length);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, "cannot write the download: " + e.getMessage());
    }
  }

  /**
   * A response as it came: its status, body (empty when it had none, or when it was streamed elsewhere), Content-Type
   * and Location (null when absent).
   */
  record Response(int status, byte[] body, String contentType, String location) {
    Response withLocation(String location) {
      return new Response(status, body, contentType, location);
    }
  }

  /** Reads a response's status, type and body stream (the error stream for 4xx/5xx) as it arrives. */
  @FunctionalInterface
  private interface ResponseReader {
    Response read(int status, String contentType, InputStream body) throws IOException;
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

  private static Response whole(int status, String contentType, InputStream body) throws IOException {
    return new Response(status, body.readAllBytes(), contentType, null);
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
      headers(http, headers);
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
      answered = true;
      try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
        return reader.read(status, http.getContentType(), in == null ? InputStream.nullInputStream() : in)
            .withLocation(http.getHeaderField("Location"));
      }
    } catch (IOException e) {
      throw new ServerUnavailable("cannot reach " + connection.url() + ": " + why(e));
    } finally {
      http.disconnect();
    }
  }

  /**
   * The token and {@code headers}. HttpURLConnection refuses a value with a line break by throwing an exception whose
   * message holds the whole value: it is never shown (the token is checked when read, an idempotency key is not).
   */
  private void headers(HttpURLConnection http, Map<String, String> headers) {
    try {
      http.setRequestProperty("Authorization", "Bearer " + connection.token());
      headers.forEach(http::setRequestProperty);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.USAGE, "a request header has a character HTTP does not allow (a line break?)");
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
      throw new ServerUnavailable("cannot reach " + connection.url() + ": " + why(e));
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

  /** A success's JSON, with a value for each of {@code fields}; anything else is not the API. */
  private JsonNode json(String path, Response response, String... fields) {
    Response ok = checked(response);
    if (!MediaTypes.isJson(ok.contentType())) {
      throw unexpected(path, ok, null);
    }
    JsonNode tree = Json.strict(ok.body()).orElseThrow(() -> unexpected(path, ok, "not JSON"));
    for (String field : fields) {
      if (!tree.hasNonNull(field)) {
        throw unexpected(path, ok, "no \"" + field + "\" in it");
      }
    }
    return tree;
  }

  private CliFailure unexpected(String path, Response response, String why) {
    return new CliFailure(ExitCode.UNREACHABLE, "unexpected answer from " + connection.url() + withoutQuery(path)
        + " (HTTP " + response.status() + ", " + MediaTypes.of(response.contentType()) + (why == null ? "" : ", " + why)
        + "): not the Rehearsal API?");
  }

  /** The response when it is a success; otherwise the failure (and exit code) its status and problem mean. */
  private Response checked(Response response) {
    int status = response.status();
    if (status < 300) {
      return response;
    }
    if (status < 400) {
      // A sign-in proxy's redirect, or a --url that is not the server's base: never followed (it would take the token).
      throw new CliFailure(ExitCode.UNREACHABLE, "redirected (HTTP " + status + ") "
          + (response.location() == null ? "with no Location" : "to " + withoutQuery(response.location()))
          + ": is " + connection.url() + " the Rehearsal server, not a sign-in proxy?");
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
    if (status >= 500) {
      throw new ServerUnavailable("server error (HTTP " + status + ") at " + connection.url()
          + (why.equals("HTTP " + status) ? "" : ": " + why));
    }
    throw new CliFailure(ExitCode.REFUSED, "refused (HTTP " + status + "): " + why);
  }

  private static String withoutQuery(String url) {
    return url.replaceAll("[?#].*", "");
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
