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
import dev.rehearsal.activities.process.Heartbeats;
import io.temporal.activity.ActivityExecutionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Runs an {@code http} step. A request that cannot be made is retryable (the service may still be starting); a
 * response that does not meet the expectations is not.
 */
final class HttpCheck {
  private static final int MAX_BODY_EVIDENCE = 256 * 1024;
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  private final EvidenceStore evidence;
  private final BlockingSend client = new BlockingSend(
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());

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
    CompletableFuture<HttpResponse<byte[]>> call = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = Heartbeats.await(context, call, timeout, () -> call.cancel(true))
          .orElseThrow(() -> StepFailure.of(StepFailureType.UNREACHABLE, spec.method() + " " + spec.path() + ": no response within " + timeout.toSeconds() + "s", attempt));
    } catch (ExecutionException e) {
      throw StepFailure.of(StepFailureType.UNREACHABLE, spec.method() + " " + spec.path() + ": " + describe(e.getCause()), attempt);
    }
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

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
