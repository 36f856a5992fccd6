package dev.rehearsal.api.rehearsals;

import dev.rehearsal.plan.NotifySpec;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhooks told about every run, on top of a plan's own {@code notify.webhooks}.
 *
 * @param webhooks each with {@code url} (not secret) or {@code url-env}, the name of the worker's environment variable
 *     holding a secret URL (a Slack webhook), so that only the variable's name reaches the run's history
 */
@ConfigurationProperties("rehearsal.notify")
public record NotifyProperties(List<GlobalWebhook> webhooks) {

  public NotifyProperties {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    for (int i = 0; i < webhooks.size(); i++) {
      webhooks.get(i).check("rehearsal.notify.webhooks[" + i + "]");
    }
  }

  /** @param events default to all: awaitingApproval, failed, ended, reminder, waitTimedOut */
  public record GlobalWebhook(String url, String urlEnv, List<NotifySpec.Event> events) {
    void check(String path) {
      if ((url == null) == (urlEnv == null)) {
        throw new IllegalStateException(path + " needs exactly one of url and url-env");
      }
      if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new IllegalStateException(path + ".url must be an http(s) URL");
      }
      if (url != null) {
        URI uri = URI.create(url);
        // A plain url lands in every run's history and archive, where it can never be scrubbed.
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getHost() == null || uri.getHost().endsWith("hooks.slack.com")) {
          throw new IllegalStateException(path + ".url looks secret (credentials, a query or a Slack hook): use url-env");
        }
      }
      if (urlEnv != null && !urlEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalStateException(path + ".url-env must name an environment variable");
      }
    }

    NotifySpec.Webhook asPlanWebhook() {
      return new NotifySpec.Webhook(url != null ? url : "${env:" + urlEnv + "}", events);
    }
  }

  List<NotifySpec.Webhook> planWebhooks() {
    return webhooks.stream().map(GlobalWebhook::asPlanWebhook).toList();
  }
}
