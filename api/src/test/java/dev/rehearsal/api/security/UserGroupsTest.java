package dev.rehearsal.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14: users carry groups from configuration; the authenticated caller holds them, never a request body. */
class UserGroupsTest {
  @Test
  void theAuthenticatedCallerCarriesTheConfiguredGroups() {
    TokenRegistry tokens = TokenRegistry.of(List.of(
        new SecurityProperties.User("dana", List.of(Role.APPROVER), "dana-token", List.of("dba", "qa")),
        new SecurityProperties.User("bob", List.of(Role.APPROVER), "bob-token", null)), true);

    RehearsalUser dana = tokens.find("dana-token").orElseThrow();
    assertThat(dana.groups()).containsExactly("dba", "qa");
    assertThat(dana.holds("qa")).isTrue();
    assertThat(dana.holds("APPROVER")).isTrue();
    assertThat(dana.holds("ENGINEER")).isFalse();
    assertThat(tokens.find("bob-token").orElseThrow().groups()).isEmpty();
  }

  @Test
  void aGroupThatIsNoNameStopsTheServerFromStarting() {
    assertThatThrownBy(() -> TokenRegistry.of(List.of(
        new SecurityProperties.User("dana", List.of(Role.APPROVER), "dana-token", List.of("dba", "../qa"))), true))
        .hasMessage("rehearsal.security.users[0] (dana): group '../qa' is not a group name (letters, digits, '.', '_' or '-',"
            + " at most 64 characters)");
  }
}
