package dev.rehearsal.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    assertThat(list.refusal("production", "env:ANYTHING")).as("an environment without an entry, once any has one")
        .contains("${env:ANYTHING}: plans for environment production may reference no secret (rehearsal.secrets.allowed has no entry for it)");
  }

  @Test
  void withoutEntriesEverySecretButTheWorkersOwnIsAllowed() {
    SecretAllowList open = new SecretAllowList(Map.of(), List.of(Path.of("/srv/rehearsal/data"), Path.of("/etc/rehearsal/users.yaml"), Path.of("/proc")));

    assertThat(open.refusal("qa", "env:DATABASE_URL")).isEmpty();
    assertThat(open.refusal("qa", "file:/etc/rehearsal/db.key")).isEmpty();
    assertThat(open.refusal("qa", "file:/srv/rehearsal/data-copy/x")).as("a sibling, not inside").isEmpty();
    for (String own : List.of("file:/etc/rehearsal/users.yaml", "file:/srv/rehearsal/data/index/runs.jsonl",
        "file:/srv/rehearsal/x/../data/archive/chain.jsonl", "file:/proc/self/environ", "env:REHEARSAL_SECURITY_USERS_0_TOKEN",
        "env:spring_application_json")) {
      assertThat(open.refusal("qa", own)).as(own).contains("${" + own + "} is the worker's own configuration or data, never a plan's secret");
    }
  }

  @Test
  void aMalformedEntryIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> new SecretAllowList.Allowed(List.of("NOT-A-NAME"), List.of()))
        .hasMessage("not an environment variable name: NOT-A-NAME");
    assertThatThrownBy(() -> new SecretAllowList.Allowed(List.of(), List.of("secrets/*")))
        .hasMessage("file patterns are absolute, without '..': secrets/*");
  }
}
