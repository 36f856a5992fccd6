package dev.rehearsal.activities.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.Phase;
import dev.rehearsal.workflows.rehearsal.Approvals;
import dev.rehearsal.workflows.rehearsal.ReadinessVerdict;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the system under test answered is text in the Markdown report, never HTML a viewer would run. */
class MarkdownReportTest {
  @Test
  void htmlQuotedFromAResponseIsEscaped() {
    Instant at = Instant.parse("2026-11-30T06:00:00Z");
    StepState step = new StepState("probe", "http", Phase.SMOKE, StepStatus.FAILED, 1, at, at, "FAIL",
        "GET / -> 200: body is <script>alert(1)</script><img src=x onerror=alert(2)> & more", List.of());
    RehearsalState state = new RehearsalState("rh-1", "shop", "staging", "v1", "alice", Map.of(), RunStatus.FAILED,
        Phase.SMOKE, at, at, List.of(step), List.of(), new Approvals(1, false, List.of(), List.of()),
        ReadinessVerdict.FAIL, null, "sha256:00", null, null, null);

    String md = MarkdownReport.render(RunReport.of(state));

    assertThat(md).doesNotContain("<script>").doesNotContain("<img")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; more");
  }
}
