package dev.rehearsal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The plan's {@code notify}: webhooks, each with a URL and the events it is told about. */
final class NotifyRules {
  private static final Set<String> KEYS = RecordKeys.of(NotifySpec.class);
  private static final Set<String> WEBHOOK_KEYS = RecordKeys.of(NotifySpec.Webhook.class);
  private static final Set<String> EVENTS = RecordKeys.names(NotifySpec.Event.class);

  private final JsonChecks checks;

  NotifyRules(JsonChecks checks) {
    this.checks = checks;
  }

  void check(JsonNode notify) {
    if (notify == null || !checks.requireObject(notify, "notify")) {
      return;
    }
    checks.unknownKeys(notify, "notify", KEYS);
    JsonNode hooks = notify.get("webhooks");
    if (hooks == null || !hooks.isArray()) {
      checks.problem("notify.webhooks", "must be a list of { url, events }");
      return;
    }
    for (int i = 0; i < hooks.size(); i++) {
      checkWebhook(hooks.get(i), "notify.webhooks[" + i + "]");
    }
  }

  private void checkWebhook(JsonNode hook, String path) {
    if (!checks.requireObject(hook, path)) {
      return;
    }
    checks.unknownKeys(hook, path, WEBHOOK_KEYS);
    if (checks.requireText(hook, "url", path)) {
      checks.checkHttpUrl(hook.get("url").asText(), path + ".url");
    }
    JsonNode e = hook.get("events");
    if (e == null) {
      return;
    }
    if (!e.isArray()) {
      checks.problem(path + ".events", "must be a list of " + EVENTS.stream().sorted().toList());
      return;
    }
    for (int j = 0; j < e.size(); j++) {
      if (!EVENTS.contains(e.get(j).asText())) {
        checks.problem(path + ".events[" + j + "]", "unknown event; events are " + EVENTS.stream().sorted().toList());
      }
    }
  }
}
