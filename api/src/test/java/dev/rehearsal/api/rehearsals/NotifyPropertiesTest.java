package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.plan.NotifySpec;
import dev.rehearsal.plan.NotifySpec.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

  @Test
  void aSecretUrlReachesThePlanOnlyAsTheNameOfItsVariable() {
    NotifyProperties notify = new NotifyProperties(List.of(
        new NotifyProperties.GlobalWebhook(null, "SLACK_WEBHOOK_URL", List.of(Event.failed)),
        new NotifyProperties.GlobalWebhook("http://127.0.0.1:9/hook", null, null)));

    assertThat(notify.planWebhooks()).containsExactly(
        new NotifySpec.Webhook("${env:SLACK_WEBHOOK_URL}", List.of(Event.failed)),
        new NotifySpec.Webhook("http://127.0.0.1:9/hook", List.of(Event.values())));
  }

  @Test
  void aMisconfiguredWebhookStopsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> new NotifyProperties(List.of(new NotifyProperties.GlobalWebhook(null, null, null))))
        .hasMessage("rehearsal.notify.webhooks[0] needs exactly one of url and url-env");
    assertThatThrownBy(() -> new NotifyProperties(List.of(new NotifyProperties.GlobalWebhook("ftp://x", null, null))))
        .hasMessage("rehearsal.notify.webhooks[0].url must be an http(s) URL");
    assertThatThrownBy(() -> new NotifyProperties(List.of(new NotifyProperties.GlobalWebhook(null, "not a name", null))))
        .hasMessage("rehearsal.notify.webhooks[0].url-env must name an environment variable");
    for (String secretLooking : List.of("https://hooks.slack.com/services/T0/B0/xyz", "https://ops:pw@ops.example.com/hook",
        "https://ops.example.com/hook?token=abc")) {
      assertThatThrownBy(() -> new NotifyProperties(List.of(new NotifyProperties.GlobalWebhook(secretLooking, null, null))))
          .as(secretLooking).hasMessageContaining("looks secret").hasMessageContaining("use url-env");
    }
  }
}
