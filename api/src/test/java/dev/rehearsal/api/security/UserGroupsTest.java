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

  /** Hostile finding 13: EVE could approve eve's run, and a user in DBA never counted for a rule on dba. */
  @Test
  void namesOrGroupsThatDifferOnlyInCaseStopTheServerFromStarting() {
    assertThatThrownBy(() -> TokenRegistry.of(List.of(
        new SecurityProperties.User("eve", List.of(Role.ENGINEER), "eve-token", null),
        new SecurityProperties.User("EVE", List.of(Role.APPROVER), "eve-2-token", null)), true))
        .hasMessage("rehearsal.security.users[1] (EVE): the same name as rehearsal.security.users[0] (eve), ignoring"
            + " case; one person, one name: every record of what people did carries it");
    assertThatThrownBy(() -> TokenRegistry.of(List.of(
        new SecurityProperties.User("eve", List.of(Role.ENGINEER), "eve-token", null),
        new SecurityProperties.User("eve", List.of(Role.APPROVER), "eve-2-token", null)), true))
        .hasMessageContaining("the same name as rehearsal.security.users[0] (eve)");
    assertThatThrownBy(() -> TokenRegistry.of(List.of(
        new SecurityProperties.User("dana", List.of(Role.APPROVER), "dana-token", List.of("dba", "qa")),
        new SecurityProperties.User("mallory", List.of(Role.APPROVER), "mallory-token", List.of("DBA"))), true))
        .hasMessage("rehearsal.security.users[1] (mallory): group 'DBA' differs only in case from group 'dba' configured"
            + " before it; groups are compared exactly, so spell each group one way");
    assertThat(TokenRegistry.of(List.of(
        new SecurityProperties.User("dana", List.of(Role.APPROVER), "dana-token", List.of("dba", "qa")),
        new SecurityProperties.User("dan", List.of(Role.APPROVER), "dan-token", List.of("dba"))), true)
        .find("dan-token")).as("one spelling of a group shared by many users is fine").isPresent();
  }
}
