package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretAllowListTest {
  private final SecretAllowList list = new SecretAllowList(Map.of("staging",
      new SecretAllowList.Allowed(List.of("STAGING_DATABASE_URL"), List.of("/etc/rehearsal/secrets/*", "/srv/keys/**"))));

  @Test
  void namesAndGlobsAllowedForTheEnvironmentPassAndNothingElseDoes() {
    assertThat(list.refusal("staging", "env:STAGING_DATABASE_URL")).isEmpty();
    assertThat(list.refusal("staging", "file:/etc/rehearsal/secrets/db")).isEmpty();
    assertThat(list.refusal("staging", "file:/srv/keys/a/b/c.pem")).isEmpty();
    assertThat(list.refusal("staging", "env:HOME")).isPresent();
    assertThat(list.refusal("staging", "file:/etc/rehearsal/secrets/sub/db")).as("* stays in one directory").isPresent();
    assertThat(list.refusal("staging", "file:/etc/rehearsal/secrets/../../shadow")).as("normalized first").isPresent();
    assertThat(list.refusal("staging", "file:/srv/keys/../../etc/shadow")).isPresent();
    assertThat(list.refusal("staging", "file:relative/db")).isPresent();
    assertThat(list.refusal("production", "env:ANYTHING")).as("an environment without an entry").isEmpty();
  }

  @Test
  void aMalformedEntryIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> new SecretAllowList.Allowed(List.of("NOT-A-NAME"), List.of()))
        .hasMessage("not an environment variable name: NOT-A-NAME");
    assertThatThrownBy(() -> new SecretAllowList.Allowed(List.of(), List.of("secrets/*")))
        .hasMessage("file patterns are absolute, without '..': secrets/*");
  }
}
