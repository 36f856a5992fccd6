package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.cli.CliProcess.Result;
import dev.rehearsal.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code complete}, {@code decide} and {@code inbox} as their own processes against the local-mode app, on real runs
 * waiting on a manual step and on a failed {@code onFailure: ask} step.
 */
class CliPeopleTest extends ConsoleApp {
  private static Path dir;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("rehearsal-cli-people");
    Files.createDirectories(dir.resolve("config"));
  }

  @BeforeEach
  void client() {
  }

  @Test
  void aManualStepIsInTheInboxAndCompletedWithANoteAndAnAttachment() throws IOException {
    String id = start("cli-manual", """
        smoke:
          - name: dashboards
            manual: { instructions: "Look at the dashboards.", requires: { note: true, attachment: true } }
        """, "v2.0.0");
    Result inbox = Await.value(() -> cli(LocalApp.ALICE, "inbox"), r -> r.out().contains(id), id + " in alice's inbox");
    assertThat(inbox.exit()).isZero();
    assertThat(inbox.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
        .contains("manual step dashboards", "cli-manual v2.0.0 on staging", "waiting ",
            "rehearsal complete " + id + " dashboards --note");
    Result json = cli(LocalApp.ALICE, "inbox", "--format", "json");
    JsonNode items = new ObjectMapper().readTree(json.out()).path("items");
    assertThat(items.findValuesAsText("runId")).contains(id);
    Result auditorsInbox = cli(LocalApp.DAVE, "inbox");
    assertThat(auditorsInbox.exit()).isZero();
    assertThat(auditorsInbox.out()).isEqualTo("nothing waits for dave\n");
    Result stray = cli(LocalApp.ALICE, "inbox", id);
    assertThat(stray.exit()).isEqualTo(64);
    assertThat(stray.errorLine()).contains("takes no arguments, got " + id);

    Path screenshot = Files.writeString(dir.resolve("dashboards.png"), "not really a png");
    Result missing = cli(LocalApp.ALICE, "complete", id, "dashboards", "--note", "ok", "--attach", dir.resolve("nope.png").toString());
    assertThat(missing.exit()).isEqualTo(64);
    assertThat(missing.errorLine()).contains("nope.png: no such file");
    Result directory = cli(LocalApp.ALICE, "complete", id, "dashboards", "--note", "ok", "--attach", dir.toString());
    assertThat(directory.exit()).isEqualTo(64);
    assertThat(directory.errorLine()).contains("not a readable regular file");
    Result noNote = cli(LocalApp.ALICE, "complete", id, "dashboards", "--attach", screenshot.toString());
    assertThat(noNote.exit()).isEqualTo(64);
    assertThat(noNote.errorLine()).contains("--note is required");
    Result auditor = cli(LocalApp.DAVE, "complete", id, "dashboards", "--note", "ok", "--attach", screenshot.toString());
    assertThat(auditor.exit()).isEqualTo(77);
    assertThat(auditor.errorLine()).contains("not permitted");

    Result done = cli(LocalApp.ALICE, "complete", id, "dashboards", "--note", "queue flat", "--attach", screenshot.toString());
    assertThat(done.exit()).as(done.err()).isZero();
    assertThat(done.out()).contains("completed " + id + " dashboards confirmed with 1 attachment(s) as alice");
    Result again = cli(LocalApp.ALICE, "complete", id, "dashboards", "--note", "twice", "--attach", screenshot.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.errorLine()).contains("409");

    Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("AWAITING_APPROVAL"), id + " at sign-off");
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("smoke/dashboards  SUCCEEDED");
    Result bobs = Await.value(() -> cli(LocalApp.BOB, "inbox"), r -> r.out().contains(id), id + " in bob's inbox");
    assertThat(bobs.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
        .contains("approval", "rehearsal approve " + id + " --comment");
  }

  @Test
  void aFailedStepWaitsForADecisionAndASkipNeedsAReason() throws IOException {
    String id = start("cli-ask", """
        smoke:
          - name: flaky
            onFailure: ask
            command: { run: [sh, -c, 'exit 3'] }
        """, "v2.0.1");
    Result inbox = Await.value(() -> cli(LocalApp.ALICE, "inbox"), r -> r.out().contains(id), id + " waiting for a decision");
    assertThat(inbox.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
        .contains("decision flaky", "rehearsal decide " + id + " retry|skip|rollback|abort");

    Result noReason = cli(LocalApp.ALICE, "decide", id, "skip");
    assertThat(noReason.exit()).isEqualTo(64);
    assertThat(noReason.errorLine()).contains("skip needs --reason");
    Result unknown = cli(LocalApp.ALICE, "decide", id, "ignore");
    assertThat(unknown.exit()).isEqualTo(64);
    assertThat(unknown.errorLine()).contains("retry, skip, rollback or abort");
    Result auditor = cli(LocalApp.DAVE, "decide", id, "retry", "--reason", "try again");
    assertThat(auditor.exit()).isEqualTo(77);
    assertThat(auditor.errorLine()).contains("not permitted");

    Result skipped = cli(LocalApp.ALICE, "decide", id, "skip", "--reason", "known flaky, OPS-12");
    assertThat(skipped.exit()).as(skipped.err()).isZero();
    assertThat(skipped.out()).contains("decided " + id + " flaky: skip");
    Result twice = cli(LocalApp.ALICE, "decide", id, "retry", "--step", "flaky", "--reason", "again");
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.errorLine()).contains("409");

    Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("AWAITING_APPROVAL"), id + " at sign-off");
    assertThat(status.exit()).as("the skip leaves a gate to waive").isEqualTo(2);
    assertThat(status.out()).contains("smoke/flaky  SKIPPED", "flaky.skipped  WARN");
    Result bobs = Await.value(() -> cli(LocalApp.BOB, "inbox"), r -> r.out().contains(id), id + " in bob's inbox");
    assertThat(bobs.out().lines().filter(l -> l.startsWith(id))).singleElement().asString()
        .as("the approval it suggests is one the server takes").contains("rehearsal approve " + id
            + " --comment \"...\" --waive flaky.skipped=\"...\"");
    Result nothingWaits = cli(LocalApp.ALICE, "decide", id, "retry", "--reason", "again");
    assertThat(nothingWaits.exit()).isEqualTo(1);
    assertThat(nothingWaits.errorLine()).contains("no failed step of " + id + " waits for a decision");
  }

  @Test
  void aManualStepReportedFailedCanBeRolledBack() throws IOException {
    String id = start("cli-manual-failed", """
        smoke:
          - name: checked
            onFailure: ask
            manual: { instructions: "Check the queue." }
        """, "v2.0.2");
    Await.value(() -> cli(LocalApp.ALICE, "inbox"), r -> r.out().contains(id + "  manual step checked"), id + " waiting");
    Result failed = cli(LocalApp.ALICE, "complete", id, "checked", "--outcome", "failed", "--note", "queue growing");
    assertThat(failed.exit()).as(failed.err()).isZero();
    assertThat(failed.out()).contains("completed " + id + " checked failed");

    Await.value(() -> cli(LocalApp.ALICE, "inbox"), r -> r.out().contains(id + "  decision checked"), id + " asking");
    Result rollback = cli(LocalApp.ALICE, "decide", id, "rollback", "--reason", "the queue grows");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    Result status = Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("status     FAILED"), id + " failed");
    assertThat(status.exit()).isEqualTo(3);
  }

  /** Starts a run of a plan with these phases (and a sign-off) as alice; its id. */
  private String start(String name, String phases, String rc) throws IOException {
    Path plan = Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: rehearsal/v1
        name: %s
        environment: staging
        phases:
        %s  signoff: {}
        """.formatted(name, phases.indent(2)));
    Result started = cli(LocalApp.ALICE, "start", plan.toString(), "--rc", rc);
    assertThat(started.exit()).as(started.out() + started.err()).isZero();
    return started.out().lines().findFirst().orElseThrow();
  }

  private Result cli(String token, String... args) {
    return CliProcess.run(baseUrl(), dir, token, Map.of(), args);
  }
}
