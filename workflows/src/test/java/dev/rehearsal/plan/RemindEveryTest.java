package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.notify.WebhookInput;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code signoff.remindEvery}: a duration of at least a minute, bound onto the plan; absent, nothing changes on the wire. */
class RemindEveryTest {
  private static String plan(String signoff) {
    return """
        apiVersion: rehearsal/v1
        name: reminded
        environment: staging
        phases:
          signoff: %s
        """.formatted(signoff);
  }

  @Test
  void aRemindEveryBindsOntoTheSignoff() {
    Plan plan = PlanParser.bind(PlanParser.readTree(plan("{ timeout: 24h, remindEvery: 4h }")), Map.of());
    assertThat(plan.phases().signoff().remindEvery()).isEqualTo("4h");
    assertThat(PlanParser.bind(PlanParser.readTree(plan("{}")), Map.of()).phases().signoff().remindEvery()).isNull();
  }

  @Test
  void aRemindEveryThatIsNoDurationOrUnderAMinuteIsRefusedWithItsPath() {
    assertThat(PlanParser.problems(PlanParser.readTree(plan("{ remindEvery: soon }"))))
        .extracting(PlanProblem::path).containsExactly("phases.signoff.remindEvery");
    assertThat(PlanParser.problems(PlanParser.readTree(plan("{ remindEvery: 30s }"))))
        .singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("phases.signoff.remindEvery");
          assertThat(p.message()).contains("at least");
        });
  }

  @Test
  void withoutRemindersTheSignoffAndWebhookJsonKeepTheirShape() {
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    String signoff = converter.toPayload(new SignoffSpec(null, false, "72h")).orElseThrow().getData().toStringUtf8();
    assertThat(signoff).doesNotContain("remindEvery");
    String hook = converter.toPayload(new WebhookInput("https://hooks.example/x", "ended", "rh-1", "shop", "staging", "v1",
        "SUCCEEDED", null, "text")).orElseThrow().getData().toStringUtf8();
    assertThat(hook).doesNotContain("waiting");
  }
}
