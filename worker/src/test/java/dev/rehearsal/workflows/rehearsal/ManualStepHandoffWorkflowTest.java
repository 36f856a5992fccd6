package dev.rehearsal.workflows.rehearsal;

import static dev.rehearsal.testing.RunStates.awaitState;
import static dev.rehearsal.testing.RunStates.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.plan.ManualSpec;
import dev.rehearsal.testing.Plans;
import dev.rehearsal.testing.TimeSkippingRehearsals;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Between a manual step and the people and steps around it: while it waits, the state says what it asks and of whom;
 * what a person did is handed on to later steps ({@code ${steps.<step>.outputs.note}} and the rest), as written but
 * never as a reference; a step nobody completed hands nothing on. Time-skipping test service.
 */
class ManualStepHandoffWorkflowTest {
  private static final String QUEUE = "rehearsal-manual-handoff-test";
  private static final EvidenceRef SCREENSHOT = new EvidenceRef("check.attachment.1.queue.png", 1234, "ab".repeat(32), false);

  @TempDir Path dir;
  private TimeSkippingRehearsals rehearsals;

  @BeforeEach
  void start() {
    rehearsals = TimeSkippingRehearsals.start(dir, QUEUE,
        Map.of("PATH", System.getenv("PATH"), "DB_PASSWORD", "hunter2-secret"));
  }

  /** With {@code -Drehearsal.record-histories=<dir>}, records each test's history as {@code manual-handoff-<test>.json}. */
  @AfterEach
  void stop(TestInfo test) throws Exception {
    rehearsals.stop(test, "manual-handoff-");
  }

  @Test
  void whileAStepWaitsTheStateShowsItsInstructionsItemsWhatCompletionRequiresAndWhoMayAct() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: plain, manual: { instructions: "Look." } }
            - name: dashboards
              manual:
                instructions: "## Dashboards\\n\\nOpen *queue depth*; attach a screenshot."
                items: ["queue depth flat", "no failed jobs"]
                by: { group: dba }
                requires: { attachment: true }
                initiatorMayComplete: false
        """), "alice");

    WaitingFor plain = awaitState(run, s -> s.waitingFor() != null, "the first step waiting").waitingFor();
    assertThat(plain.instructions()).isEqualTo("Look.");
    assertThat(plain.items()).isNull();
    assertThat(plain.requires()).isEqualTo(new ManualSpec.Requires(false, false));
    assertThat(plain.who()).isEqualTo("ENGINEER");
    assertThat(plain.initiatorMayComplete()).isTrue();
    run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(), "plain", CompletionOutcome.CONFIRMED,
        null, List.of()));

    WaitingFor second = awaitState(run, s -> s.waitingFor() != null && s.waitingFor().step().equals("dashboards"),
        "the second step waiting").waitingFor();
    assertThat(second.kind()).isEqualTo(WaitingFor.Kind.MANUAL);
    assertThat(second.instructions()).isEqualTo("## Dashboards\n\nOpen *queue depth*; attach a screenshot.");
    assertThat(second.items()).containsExactly("queue depth flat", "no failed jobs");
    assertThat(second.requires()).isEqualTo(new ManualSpec.Requires(false, true));
    assertThat(second.who()).isEqualTo("group:dba");
    assertThat(second.initiatorMayComplete()).isFalse();
    run.cancel(new CancelRequest("alice", "seen enough"));
    assertThat(result(run).waitingFor()).isNull();
  }

  @Test
  void aLaterCommandReceivesThePersonsNoteAndNeverReadsItAsAReference() throws Exception {
    Path out = dir.resolve("handed.txt");
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look at the dashboards.", requires: { note: true } } }
            - name: tell
              command:
                run: [sh, -c, 'printf "%%s|%%s|%%s|%%s|%%s" "$OUTCOME" "$NOTE" "$BY" "$AT" "$FILES" > %s; echo "$NOTE"']
                env:
                  OUTCOME: "${steps.check.outputs.outcome}"
                  NOTE: "${steps.check.outputs.note}"
                  BY: "${steps.check.outputs.completedBy}"
                  AT: "${steps.check.outputs.completedAt}"
                  FILES: "${steps.check.outputs.attachments}"
        """.formatted(out)), "alice");
    awaitState(run, s -> s.waitingFor() != null, "the manual step waiting");

    String note = "queue flat; ${env:DB_PASSWORD} and ${steps.check.outputs.outcome} are just words here";
    ManualCompletionRecord done = run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(),
        "check", CompletionOutcome.CONFIRMED, note, List.of(SCREENSHOT)));

    RehearsalState signoff = awaitState(run, s -> s.status() == RunStatus.AWAITING_APPROVAL, "sign-off");
    assertThat(signoff.steps().get(1).status()).as(signoff.steps().get(1).summary()).isEqualTo(StepStatus.SUCCEEDED);
    String handedNote = "queue flat; $ {env:DB_PASSWORD} and $ {steps.check.outputs.outcome} are just words here";
    assertThat(Files.readString(out)).isEqualTo("CONFIRMED|" + handedNote + "|erin|" + done.at()
        + "|check.attachment.1.queue.png@sha256:" + "ab".repeat(32));
    assertThat(Files.readString(out)).doesNotContain("hunter2");
    assertThat(signoff.steps().get(0).outputs()).containsEntry("note", handedNote).containsEntry("outcome", "CONFIRMED")
        .containsEntry("completedBy", "erin").containsKeys("completedAt", "attachments");
    assertThat(signoff.steps().get(0).completion().note()).as("the record keeps the note as written").isEqualTo(note);
    run.decide(new ApprovalRequest("carol", List.of("APPROVER"), Decision.APPROVE, "ok", Map.of(), null));
    assertThat(result(run).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aReportedFailureIsHandedToTheRollbackSteps() throws Exception {
    Path out = dir.resolve("rollback.txt");
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look." } }
          rollback:
            - { name: tell, command: { run: [sh, -c, 'printf "%%s %%s" "$1" "$2" > %s', x,
                "${steps.check.outputs.outcome}", "${steps.check.outputs.note}"] } }
        """.formatted(out)), "alice");
    awaitState(run, s -> s.waitingFor() != null, "the manual step waiting");
    run.completeManualStep(new ManualCompletion("erin", List.of("ENGINEER"), List.of(), "check", CompletionOutcome.FAILED,
        "40 failed jobs", List.of()));

    RehearsalState end = result(run);
    assertThat(end.status()).isEqualTo(RunStatus.FAILED);
    assertThat(Files.readString(out)).isEqualTo("FAILED 40 failed jobs");
    assertThat(end.steps().get(0).outputs()).containsEntry("outcome", "FAILED").containsEntry("attachments", "");
  }

  @Test
  void aStepNobodyCompletedHandsNothingOnAndAStepQuotingItFailsNamingWhy() {
    RehearsalWorkflow run = start(Plans.shopStaging("""
        smoke:
            - { name: check, manual: { instructions: "Look.", timeout: 1h, onTimeout: skip } }
            - { name: tell, command: { run: [echo, "${steps.check.outputs.note}"] } }
        """), "alice");

    RehearsalState end = awaitState(run, s -> s.status().isFinal(), "the run's end",
        () -> rehearsals.env().sleep(Duration.ofHours(2)));
    assertThat(end.steps().get(0).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(end.steps().get(0).outputs()).isEmpty();
    assertThat(end.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
    assertThat(end.steps().get(1).summary()).contains("output 'note' of step 'check' was not produced in this run");
  }

  private RehearsalWorkflow start(String yaml, String initiator) {
    return rehearsals.start(Plans.parse(yaml), initiator);
  }
}
