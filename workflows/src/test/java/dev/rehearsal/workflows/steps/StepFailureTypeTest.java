package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failure types are written into workflow history: their names and retryability must not move. */
class StepFailureTypeTest {

  @Test
  void historyTypesAndRetryabilityStayAsCommittedHistoriesHaveThem() {
    Map<String, Boolean> retryable = new LinkedHashMap<>();
    Arrays.stream(StepFailureType.values()).forEach(t -> retryable.put(t.type(), t.retryable()));

    assertThat(retryable).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("AssertionFailed", false), Map.entry("GuardRefused", false), Map.entry("SecretUnresolved", false),
        Map.entry("InvalidStep", false), Map.entry("CommandFailed", true), Map.entry("CommandTimedOut", true),
        Map.entry("StepError", true), Map.entry("Unreachable", true), Map.entry("IncompatibleTool", false),
        Map.entry("CopyMismatch", false), Map.entry("QueryFailed", false)));
    assertThat(StepFailureType.nonRetryableTypes()).containsExactlyInAnyOrder("AssertionFailed", "GuardRefused",
        "SecretUnresolved", "InvalidStep", "IncompatibleTool", "CopyMismatch", "QueryFailed");
  }
}
