package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  static Stream<Arguments> validDurations() {
    return Stream.of(
        Arguments.of("500ms", Duration.ofMillis(500)),
        Arguments.of("2s", Duration.ofSeconds(2)),
        Arguments.of("5m", Duration.ofMinutes(5)),
        Arguments.of("72h", Duration.ofHours(72)),
        Arguments.of("1h30m", Duration.ofMinutes(90)),
        Arguments.of("3d", Duration.ofDays(3)));
  }

  @ParameterizedTest
  @MethodSource("validDurations")
  void parsesNumberAndUnitPairs(String text, Duration expected) {
    assertThat(Durations.tryParse(text)).contains(expected);
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 minutes", "-1s", "0s", "1.5h"})
  void refusesTextThatIsNotAPositiveDuration(String text) {
    assertThat(Durations.tryParse(text)).isEmpty();
  }

  @Test
  void refusesNull() {
    assertThat(Durations.tryParse(null)).isEmpty();
  }

  @Test
  void refusesANumberTooLargeForADuration() {
    assertThat(Durations.tryParse("99999999999999999999s")).isEmpty();
  }

  @Test
  void parseThrowsOnTextThatIsNotADuration() {
    assertThatThrownBy(() -> Durations.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("soon");
  }

  @Test
  void answersTheSameEveryTimeForGoodAndBadText() {
    for (int i = 0; i < 3; i++) {
      assertThat(Durations.tryParse("1h30m")).contains(Duration.ofMinutes(90));
      assertThat(Durations.tryParse(" 2s ")).contains(Duration.ofSeconds(2));
      assertThat(Durations.tryParse("1.5h")).isEmpty();
      assertThat(Durations.tryParse("0s")).isEmpty();
    }
  }

  @Test
  void keepsParsingBeyondTheDurationsItRemembers() {
    for (int n = 1; n <= 3000; n++) {
      assertThat(Durations.tryParse(n + "ms")).contains(Duration.ofMillis(n));
      assertThat(Durations.tryParse(n + "x")).isEmpty();
    }
  }

  @Test
  void remembersNeitherJunkNorLongTextSoValidationRequestsCannotFillIt() {
    int before = Durations.remembered();
    for (int n = 1; n <= 3000; n++) {
      assertThat(Durations.tryParse("junk-" + n)).isEmpty();
      assertThat(Durations.tryParse("1s".repeat(20) + n + "ms")).isPresent();
    }
    assertThat(Durations.remembered()).isEqualTo(before);
    assertThat(Durations.tryParse("17m")).contains(Duration.ofMinutes(17));
  }
}
