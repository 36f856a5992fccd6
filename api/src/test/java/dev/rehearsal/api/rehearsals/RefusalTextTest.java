package dev.rehearsal.api.rehearsals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.api.errors.TooManyRefusals;
import org.junit.jupiter.api.Test;

/** A refusal record stays small whatever the caller sent, and a caller refused too often is told to wait. */
class RefusalTextTest {
  @Test
  void longTextIsCutAndSaysHowMuchWasLeftOut() {
    assertThat(RefusalText.cap("short")).isEqualTo("short");
    assertThat(RefusalText.cap(null)).isNull();
    assertThat(RefusalText.cap("Z".repeat(4000))).isEqualTo("Z".repeat(500) + "…(3500 more characters)");
    String pairAtTheCut = "a".repeat(499) + "😀" + "b";
    assertThat(RefusalText.cap(pairAtTheCut)).as("never half a surrogate pair")
        .isEqualTo("a".repeat(499) + "…(3 more characters)");
  }

  @Test
  void aCallerRefusedTooOftenOnARunWaitsWhileOthersAndOtherRunsDoNot() {
    RefusalRate rate = new RefusalRate(new RefusalLimits(3));
    for (int i = 0; i < 3; i++) {
      rate.check("dave", "rh-1");
      rate.refused("dave", "rh-1");
    }
    assertThatThrownBy(() -> rate.check("dave", "rh-1")).isInstanceOf(TooManyRefusals.class)
        .satisfies(e -> assertThat(((TooManyRefusals) e).retryAfterSeconds()).isBetween(1L, 61L));
    rate.check("alice", "rh-1");
    rate.check("dave", "rh-2");
  }
}
