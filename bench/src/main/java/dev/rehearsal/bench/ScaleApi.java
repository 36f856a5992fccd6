package dev.rehearsal.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The scale benchmark's client of Rehearsal's public REST API. Blocking {@code send} on the caller's thread: it
 * avoids the JDK client's extra thread hop per response on 2 CPUs (see bench/README.md, "Load generator").
 */
final class ScaleApi {
  /** An answer and how long it took, from sending the request to having read the whole body. */
  record Answer(int status, String body, long nanos) {
    double millis() {
      return nanos / 1e6;
    }
  }

  /** Who calls: the three people of the benchmark, each with their token. */
  record Tokens(String engineer, String approver, String auditor) {}

  static final String RUNS = "/api/v1/rehearsals";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final Tokens tokens;

  ScaleApi(String base, Tokens tokens) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.tokens = tokens;
  }

  Tokens tokens() {
    return tokens;
  }

  Answer get(String token, String pathAndQuery) {
    return send(request(token, pathAndQuery).GET().build());
  }

  Answer post(String token, String path, String json) {
    return send(request(token, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Starts a run of a one-step plan and answers its id. */
  String start(String plan, String environment, String releaseCandidate) {
    Answer answer = post(tokens.engineer(), RUNS, ScalePlans.startBody(plan, environment, releaseCandidate));
    String id = answer.status() == 201 ? ScaleJson.string(answer.body(), "id") : null;
    if (id == null) {
      throw refused("start", answer);
    }
    return id;
  }

  /**
   * The run's status, as {@code GET /rehearsals/{id}} says; null when the app answers 503 (no worker answered the
   * open run's state query in time), which a client may retry.
   */
  String status(String id) {
    Answer answer = get(tokens.engineer(), RUNS + "/" + id);
    if (answer.status() == 503) {
      return null;
    }
    String status = answer.status() == 200 ? ScaleJson.string(answer.body(), "status") : null;
    if (status == null) {
      throw refused("state of " + id, answer);
    }
    return status;
  }

  Answer reject(String id) {
    Answer answer = post(tokens.approver(), RUNS + "/" + id + "/approvals",
        "{\"decision\":\"REJECT\",\"comment\":\"scale benchmark: closing the run\"}");
    if (answer.status() != 200) {
      throw refused("reject " + id, answer);
    }
    return answer;
  }

  private static IllegalStateException refused(String what, Answer answer) {
    String body = answer.body().length() > 500 ? answer.body().substring(0, 500) + "…" : answer.body();
    return new IllegalStateException(what + ": HTTP " + answer.status() + " " + body);
  }

  private HttpRequest.Builder request(String token, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private Answer send(HttpRequest request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
