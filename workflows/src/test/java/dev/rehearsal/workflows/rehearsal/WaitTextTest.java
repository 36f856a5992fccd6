package dev.rehearsal.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.workflows.notify.PersonWait;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a reminder or a timeout notice says about how long a run waited: the whole wait, never rounded down. */
class WaitTextTest {
  @Test
  void aSeventySecondWaitIsNotCalledOneMinute() {
    PersonWait wait = new PersonWait("manual", "look", "APPROVER", Instant.EPOCH, Instant.EPOCH.plusSeconds(70), 70);
    assertThat(WaitText.of(wait)).isEqualTo("1m 10s for manual step look by APPROVER");
  }

  @Test
  void wholeUnitsStayAsTheyWere() {
    assertThat(WaitText.duration(Duration.ofHours(26).plusMinutes(30))).isEqualTo("1d 2h 30m");
    assertThat(WaitText.duration(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(WaitText.duration(Duration.ZERO)).isEqualTo("0m");
    assertThat(WaitText.duration(Duration.ofSeconds(45))).isEqualTo("45s");
  }
}
