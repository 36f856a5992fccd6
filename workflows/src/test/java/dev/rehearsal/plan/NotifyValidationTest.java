package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyValidationTest {
  private static final String PLAN = """
      apiVersion: rehearsal/v1
      name: shop
      environment: staging
      phases:
        signoff: {}
      """;

  @Test
  void webhooksDefaultToEveryEvent() {
    Plan plan = PlanParser.bind(PlanParser.readTree(PLAN + """
        notify: { webhooks: [ { url: "${env:SLACK_WEBHOOK_URL}" } ] }
        """), Map.of());

    assertThat(plan.notifications().webhooks().get(0).events()).containsExactly(NotifySpec.Event.values());
  }

  @Test
  void badWebhooksAreReportedWithTheirPaths() {
    List<PlanProblem> problems = PlanValidator.validate(PlanParser.readTree(PLAN + """
        notify: { webhooks: [ { url: "ftp://x" }, { events: [started] } ] }
        """), Optional.empty());

    assertThat(problems).extracting(PlanProblem::path)
        .containsExactlyInAnyOrder("notify.webhooks[0].url", "notify.webhooks[1].url", "notify.webhooks[1].events[0]");
  }
}
