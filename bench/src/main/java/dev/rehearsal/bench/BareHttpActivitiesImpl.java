package dev.rehearsal.bench;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET with the JDK's {@code java.net.http} client, configured as Rehearsal's {@code http} step configures its own
 * (connect timeout 10 s, no redirects, 30 s request timeout, body read as bytes), with the blocking {@code send}.
 */
public class BareHttpActivitiesImpl implements BareHttpActivities {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

  @Override
  public String get(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("GET " + url + ": " + e, "Unreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("GET " + url + ": interrupted", "Interrupted");
    }
    if (response.statusCode() != 200) {
      throw ApplicationFailure.newNonRetryableFailure("GET " + url + " -> " + response.statusCode(), "AssertionFailed");
    }
    return "GET " + request.uri().getPath() + " -> 200 in " + (System.nanoTime() - started) / 1_000_000 + " ms";
  }
}
