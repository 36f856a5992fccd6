package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Webhooks told about a run: Slack-compatible JSON, posted when the run awaits approval, fails, or ends; while it waits
 * for a person, every {@code signoff.remindEvery} ({@code reminder}) and when that wait times out ({@code waitTimedOut}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotifySpec(List<Webhook> webhooks) {
  public static final NotifySpec NONE = new NotifySpec(List.of());

  public NotifySpec {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  /** {@code url} may be a secret reference (Slack webhook URLs are secrets); {@code events} default to all of them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Webhook(String url, List<Event> events) {
    public Webhook {
      events = events == null || events.isEmpty() ? List.of(Event.values()) : List.copyOf(events);
    }
  }

  public enum Event {
    awaitingApproval,
    failed,
    ended,
    reminder,
    waitTimedOut
  }
}
