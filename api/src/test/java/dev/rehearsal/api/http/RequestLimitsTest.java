package dev.rehearsal.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.plan.PlanParser;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RequestLimitsTest {

  @Test
  void plansGetThePlanLimitOnTheirTwoPathsAndEverythingElseTheSmallOne() {
    RequestLimits limits = new RequestLimits(null, null, null, null, null);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals")).isEqualTo(256 * 1024);
    assertThat(limits.bytesFor("POST", "/api/v1/plans/validate")).isEqualTo(256 * 1024);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals/rh-1/approvals")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("PUT", "/api/v1/rehearsals")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals;x=1")).isEqualTo(8 * 1024);
  }

  @Test
  void theConsolesStartFormHasRoomForAPastedPlanAPlanFileAndItsSmallFields() {
    RequestLimits limits = new RequestLimits(null, null, null, null, null);
    assertThat(limits.bytesFor("POST", "/start")).isEqualTo(2 * 256 * 1024 + 8 * 1024);
    assertThat(limits.bytesFor("GET", "/start")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("POST", "/start/x")).isEqualTo(8 * 1024);
  }

  @Test
  void aManualStepsCompletionGetsTheCompletionLimitOnItsPathOnly() {
    RequestLimits limits = new RequestLimits(null, null, null, null, null);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals/rh-1/steps/look/complete")).isEqualTo(25L * 1024 * 1024);
    assertThat(limits.bytesFor("PUT", "/api/v1/rehearsals/rh-1/steps/look/complete")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals/rh-1/steps/look/complete/x")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("POST", "/runs/rh-1/steps/look/complete")).as("the console's completion form")
        .isEqualTo(25L * 1024 * 1024);
    assertThat(limits.attachment().toBytes()).isEqualTo(10L * 1024 * 1024);
    assertThatThrownBy(() -> new RequestLimits(null, null, DataSize.ofMegabytes(30), null, null))
        .hasMessageContaining("rehearsal.http.max-body.completion");
  }

  @Test
  void theConsolesSignOffFormHasRoomForEveryEvidenceItemThePageShowed() {
    RequestLimits limits = new RequestLimits(null, null, null, null, null);
    assertThat(limits.bytesFor("POST", "/runs/rh-1/signoff")).isEqualTo(1024 * 1024);
    assertThat(limits.largestForm()).as("what Tomcat holds a chunked form to").isEqualTo(1024 * 1024);
    assertThat(limits.bytesFor("POST", "/runs/rh-1/signoff/x")).isEqualTo(8 * 1024);
    assertThat(limits.bytesFor("POST", "/api/v1/rehearsals/rh-1/signoff")).isEqualTo(8 * 1024);
    assertThat(new RequestLimits(null, null, null, null, DataSize.ofMegabytes(4)).bytesFor("POST", "/runs/rh-1/signoff"))
        .isEqualTo(4L * 1024 * 1024);
    assertThatThrownBy(() -> new RequestLimits(null, DataSize.ofKilobytes(16), null, null, DataSize.ofKilobytes(8)))
        .hasMessageContaining("rehearsal.http.max-body.signoff");
  }

  @Test
  void limitsBeyondWhatTheParserTakesOrAboveThePlanLimitDoNotStart() {
    assertThatThrownBy(() -> new RequestLimits(DataSize.ofBytes(PlanParser.MAX_PLAN_CHARS + 1L), null, null, null, null))
        .hasMessageContaining("rehearsal.http.max-body.plan");
    assertThatThrownBy(() -> new RequestLimits(DataSize.ofKilobytes(64), DataSize.ofKilobytes(65), null, null, null))
        .hasMessageContaining("rehearsal.http.max-body.other");
    assertThatThrownBy(() -> new RequestLimits(DataSize.ofBytes(0), null, null, null, null)).hasMessageContaining("plan");
  }
}
