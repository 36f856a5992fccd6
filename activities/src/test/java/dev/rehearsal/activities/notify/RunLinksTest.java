package dev.rehearsal.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code rehearsal.public-url} gives each run an absolute link; without it, only the API path. */
class RunLinksTest {

  @Test
  void aPublicUrlLinksEachRunWithOrWithoutItsTrailingSlash() {
    assertThat(RunLinks.of("https://rehearsal.example.com/").run("rh-1"))
        .isEqualTo("https://rehearsal.example.com/runs/rh-1");
    assertThat(RunLinks.of("http://10.0.0.5:8080/rehearsal").runOrPath("rh-1"))
        .isEqualTo("http://10.0.0.5:8080/rehearsal/runs/rh-1");
  }

  @Test
  void withoutAPublicUrlThereIsOnlyThePath() {
    assertThat(RunLinks.of(" ").run("rh-1")).isNull();
    assertThat(RunLinks.of(null).runOrPath("rh-1")).isEqualTo("/runs/rh-1");
  }

  @Test
  void aPublicUrlWithCredentialsQueryOrOtherSchemeIsRefused() {
    for (String bad : new String[] {"ftp://example.com", "https://user:pw@example.com", "https://example.com/?x=1", "example.com"}) {
      assertThatThrownBy(() -> RunLinks.of(bad)).as(bad).hasMessageContaining("rehearsal.public-url");
    }
  }
}
