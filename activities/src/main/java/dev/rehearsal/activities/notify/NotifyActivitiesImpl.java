package dev.rehearsal.activities.notify;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.secrets.WorkerSecrets;
import dev.rehearsal.activities.steps.StepAttempt;
import dev.rehearsal.activities.steps.StepFailure;
import dev.rehearsal.workflows.notify.NotifyActivities;
import dev.rehearsal.workflows.notify.PersonWait;
import dev.rehearsal.workflows.notify.WebhookInput;
import dev.rehearsal.workflows.steps.StepFailureType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Posts a Slack-compatible JSON message ({@code text}, plus the run's fields under {@code rehearsal}). Any answer but
 * 2xx, or no answer, fails the attempt so Temporal retries it with backoff; the URL (a secret for Slack) is resolved
 * here and masked in every failure message. With a public URL configured ({@code rehearsal.public-url}) the run's
 * link ({@code <public-url>/api/v1/rehearsals/<id>}) is under {@code rehearsal.link} and ends the text; a reminder or a
 * wait's timeout says what is awaited under {@code rehearsal.waiting}.
 */
public class NotifyActivitiesImpl implements NotifyActivities {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final UnaryOperator<String> environment;
  private final RunLinks links;

  public NotifyActivitiesImpl(UnaryOperator<String> environment) {
    this(environment, RunLinks.NONE);
  }

  public NotifyActivitiesImpl(UnaryOperator<String> environment, RunLinks links) {
    this.environment = environment;
    this.links = links;
  }

  private static Map<String, Object> waiting(PersonWait wait) {
    Map<String, Object> waiting = new LinkedHashMap<>();
    waiting.put("awaited", wait.awaited());
    waiting.put("step", wait.step());
    waiting.put("who", wait.who());
    waiting.put("since", String.valueOf(wait.since()));
    waiting.put("until", wait.until() == null ? null : wait.until().toString());
    waiting.put("waitedSeconds", wait.waitedSeconds());
    return waiting;
  }

  @Override
  public void post(WebhookInput input) {
    // Unrestricted: a webhook's URL is the server's configuration or was checked with the plan at start.
    StepAttempt.run(WorkerSecrets.unrestricted(environment), (context, secrets) -> {
      int attempt = context.getInfo().getAttempt();
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("id", input.runId());
      run.put("event", input.event());
      run.put("plan", input.plan());
      run.put("environment", input.environment());
      run.put("releaseCandidate", input.releaseCandidate());
      run.put("status", input.status());
      run.put("readiness", input.readiness());
      if (input.waiting() != null) {
        run.put("waiting", waiting(input.waiting()));
      }
      String link = links.run(input.runId());
      if (link != null) {
        run.put("link", link);
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("text", link == null ? input.text() : input.text() + " " + link);
      payload.put("rehearsal", run);
      HttpRequest request = HttpRequest.newBuilder(URI.create(secrets.resolve(input.url())))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(EvidenceStore.json(payload)))
          .build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
          throw StepFailure.of(StepFailureType.UNREACHABLE, "webhook answered " + status, attempt);
        }
        return null;
      } catch (IOException e) {
        throw StepFailure.of(StepFailureType.UNREACHABLE, "webhook not reached: " + e.getMessage(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
  }
}
