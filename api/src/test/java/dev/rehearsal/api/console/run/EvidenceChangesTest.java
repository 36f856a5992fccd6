package dev.rehearsal.api.console.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.Phase;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the stale-digest page lists: the artifacts added, removed or changed since the approver's page showed them. */
class EvidenceChangesTest {
  @Test
  void listsAddedRemovedAndChangedArtifacts() {
    StepState step = new StepState("smoke", "command", Phase.SMOKE, StepStatus.SUCCEEDED, 2, null, null, "PASS", "ok",
        List.of(new EvidenceRef("smoke.a1.stdout.log", 3, "aaa", false), new EvidenceRef("smoke.a2.stdout.log", 3, "bbb", false),
            new EvidenceRef("same.log", 1, "ccc", false)));
    RehearsalState now = new RehearsalState("rh-1", "p", "staging", "v1", "alice", Map.of(), RunStatus.AWAITING_APPROVAL,
        Phase.SIGNOFF, null, null, List.of(step), List.of(), null, null, null, "sha256:x", null, null, null);

    List<String> changes = EvidenceChanges.between(
        List.of("smoke.a1.stdout.log=old", "same.log=ccc", "gone.json=ddd", "not an entry"), now);

    assertThat(changes).containsExactly("Changed: smoke.a1.stdout.log (sha256 old is now aaa)",
        "Added: smoke.a2.stdout.log", "Removed: gone.json");
    assertThat(EvidenceChanges.between(List.of("smoke.a1.stdout.log=aaa", "smoke.a2.stdout.log=bbb", "same.log=ccc"), now))
        .isEmpty();
  }
}
