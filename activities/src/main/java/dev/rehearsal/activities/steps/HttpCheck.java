package dev.rehearsal.activities.steps;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.outputs.TakenOutputs;
import dev.rehearsal.activities.secrets.SecretScope;
import dev.rehearsal.plan.Expectations;
import dev.rehearsal.plan.HttpSpec;
import dev.rehearsal.workflows.steps.EvidenceRef;
import dev.rehearsal.workflows.steps.HttpStepInput;
import dev.rehearsal.workflows.steps.StepFailureType;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.activities.process.BlockingCallHeartbeats;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs an {@code http} step. A request that cannot be made is retryable (the service may still be starting); a
 * response that does not meet the expectations is not.
 */
final class HttpCheck {
  private static final int MAX_BODY_EVIDENCE = 256 * 1024;
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  private final EvidenceStore evidence;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  // The blocking send, on the activity's thread: not sendAsync, whose completion starts a thread each time on JDK 17
  // with two CPUs or fewer, nor a hand-off to a sending thread (bench/README.md, "What Rehearsal adds on top of
  // Temporal"). One shared thread decides which requests in flight are due a heartbeat (sent in parallel) and stops a
  // cancelled or late one. The DNS lookup send does on this thread is not cut short by the step timeout: the step is
  // heartbeated until the lookup returns, then reads "no response within ...".
  private final BlockingCallHeartbeats heartbeats = new BlockingCallHeartbeats("http-step-heartbeats");

  HttpCheck(EvidenceStore evidence) {
    this.evidence = evidence;
  }

  StepResult run(ActivityExecutionContext context, HttpStepInput input, SecretScope secrets) {
    if (input.http().writes()) {
      WriteGuard.check(Map.of(input.targetName(), input.target()), input.guardPatterns(), secrets,
          context.getInfo().getAttempt());
    }
    int attempt = context.getInfo().getAttempt();
    HttpSpec spec = input.http();
    String base = TRAILING_SLASHES.matcher(secrets.resolve(input.target().http().baseUrl())).replaceAll("");
    Duration timeout = Duration.ofMillis(input.timeoutMillis());
    URI uri;
    try {
      uri = URI.create(base + secrets.resolve(spec.path()));
    } catch (IllegalArgumentException e) {
      throw StepFailure.of(StepFailureType.INVALID_STEP, "not a valid URL: " + secrets.mask(e.getMessage()), attempt);
    }
    HttpRequest request = request(uri, spec, input, secrets, timeout);

    long started = System.nanoTime();
    Supplier<ApplicationFailure> noResponse = () -> StepFailure.of(StepFailureType.UNREACHABLE,
        spec.method() + " " + spec.path() + ": no response within " + readable(timeout), attempt);
    HttpResponse<byte[]> response = heartbeats.run(context, timeout, () -> {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException late) {
        // The request's own timeout (the step's); a connect timeout is named like any other failure.
        if (late instanceof HttpConnectTimeoutException) {
          throw unreachable(spec, late, attempt);
        }
        throw noResponse.get();
      } catch (IOException | RuntimeException | Error failed) {
        // An Error (say, out of memory reading a huge body) fails the step too.
        throw unreachable(spec, failed, attempt);
      }
    }).orElseThrow(noResponse);
    long latencyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

    byte[] body = response.body();
    TakenOutputs outputs = new TakenOutputs(input.outputs(), secrets).fromHttp(response.statusCode(), response.headers(), body);
    String text = secrets.mask(new String(body, StandardCharsets.UTF_8));
    String record = spec.method() + " " + spec.path() + " -> " + response.statusCode() + " in " + latencyMs + " ms\n\n"
        + (text.length() > MAX_BODY_EVIDENCE ? text.substring(0, MAX_BODY_EVIDENCE) : text);
    List<EvidenceRef> refs = new ArrayList<>();
    refs.add(evidence.put(context.getInfo().getWorkflowId(), input.step() + ".a" + attempt + ".response.txt",
        record.getBytes(StandardCharsets.UTF_8), text.length() > MAX_BODY_EVIDENCE));

    List<String> problems = problems(spec.expect(), response, text, latencyMs);
    problems.addAll(outputs.problems());
    String summary = spec.method() + " " + spec.path() + " -> " + response.statusCode() + " in " + latencyMs + " ms";
    if (!problems.isEmpty()) {
      // Masked here already: a header check quotes the value seen, and an until heartbeats the message.
      throw StepFailure.of(StepFailureType.ASSERTION_FAILED, summary + ": " + secrets.mask(String.join("; ", problems)),
          attempt, refs);
    }
    return new StepResult(summary, refs, attempt, List.of(), outputs.handOn());
  }

  /** "30s" for whole seconds; "500ms" or "1500ms" otherwise, which whole seconds would round to "0s" or "1s". */
  private static String readable(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
  }

  private HttpRequest request(URI uri, HttpSpec spec, HttpStepInput input, SecretScope secrets, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    input.target().http().headers().forEach((k, v) -> builder.setHeader(k, secrets.resolve(v)));
    spec.headers().forEach((k, v) -> builder.setHeader(k, secrets.resolve(v)));
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (spec.body() != null && !spec.body().isNull()) {
      String content = spec.body().isTextual() ? spec.body().asText() : spec.body().toString();
      body = HttpRequest.BodyPublishers.ofString(secrets.resolve(content));
      boolean hasContentType = spec.headers().keySet().stream().anyMatch("content-type"::equalsIgnoreCase);
      if (!spec.body().isTextual() && !hasContentType) {
        builder.setHeader("Content-Type", "application/json");
      }
    }
    return builder.method(spec.method(), body).build();
  }

  private static List<String> problems(HttpSpec.Expect expect, HttpResponse<?> response, String body, long latencyMs) {
    List<String> problems = new ArrayList<>();
    int status = response.statusCode();
    if (!expect.status().contains(status)) {
      problems.add("status " + status + ", expected " + expect.status());
    }
    if (expect.maxLatencyMs() != null && latencyMs > expect.maxLatencyMs()) {
      problems.add("took " + latencyMs + " ms, budget " + expect.maxLatencyMs() + " ms");
    }
    if (expect.bodyContains() != null && !body.contains(expect.bodyContains())) {
      problems.add("body does not contain '" + expect.bodyContains() + "'");
    }
    problems.addAll(Expectations.onHeaders(expect.headers(), name -> response.headers().firstValue(name)));
    problems.addAll(Expectations.onJsonText(expect.json(), body, "body"));
    return problems;
  }

  /**
   * send rethrows the exchange's failure wrapped (often as a plain IOException) with the original as its cause; the
   * summary names the original, say "ConnectException".
   */
  private static ApplicationFailure unreachable(HttpSpec spec, Throwable failed, int attempt) {
    Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
    return StepFailure.of(StepFailureType.UNREACHABLE, spec.method() + " " + spec.path() + ": " + describe(cause), attempt);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
