package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.cli.CliProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} offline, as a process: each problem names the file and line, as a compiler would. */
class CliValidateLinesTest {
  @TempDir Path dir;

  @Test
  void aBadPlanPrintsEachProblemAtItsLineAndExitsSixtyFive() throws IOException {
    Path plan = Files.writeString(dir.resolve("bad.yaml"), """
        apiVersion: rehearsal/v1
        name: cli-lines
        environment: staging
        colour: blue
        phases:
          smoke:
            - name: check
              command: { runn: [echo] }
            - name: ping
              http:
                url: 42
                target: nowhere
          signoff:
            approvers:
              - { role: APPROVER }
              - { group: "bad group!" }
        """);
    Files.createDirectories(dir.resolve("config"));

    Result bad = CliProcess.run("http://127.0.0.1:9", dir, null, Map.of(), "validate", plan.toString());

    assertThat(bad.exit()).isEqualTo(65);
    assertThat(bad.out().lines()).contains(
        plan + ":8: phases.smoke[0].command.run: is required: the program and its arguments, as a list",
        plan + ":12: phases.smoke[1].http.target: unknown target 'nowhere' (the plan has no targets)");
    assertThat(bad.out()).contains(plan + ":4: colour: unknown key", plan + ":8: phases.smoke[0].command.runn: unknown key",
        plan + ":11: phases.smoke[1].http.url: unknown key", plan + ":16: phases.signoff.approvers[1].group: must be a group name");
    assertThat(bad.errorLine()).isEqualTo("rehearsal validate: " + plan + ": 6 problem(s)");
  }

  @Test
  void aFileWithASecondDocumentIsRefusedNotHalfValidated() throws IOException {
    Path plan = Files.writeString(dir.resolve("two.yaml"), """
        apiVersion: rehearsal/v1
        name: first
        environment: staging
        phases:
          smoke:
            - { name: check, command: { run: [echo, ok] } }
          signoff: {}
        ---
        name: second
        """);
    Files.createDirectories(dir.resolve("config"));

    Result two = CliProcess.run("http://127.0.0.1:9", dir, null, Map.of(), "validate", plan.toString());

    assertThat(two.exit()).isEqualTo(65);
    assertThat(two.out()).isEqualTo(plan + ": a second YAML document at line 9: a plan file holds one document\n");
    assertThat(two.errorLine()).isEqualTo("rehearsal validate: " + plan + ": not a valid plan");
  }

  @Test
  void aProblemOnlyTheParametersRevealHasItsLineToo() throws IOException {
    Path plan = Files.writeString(dir.resolve("params.yaml"), """
        apiVersion: rehearsal/v1
        name: cli-params
        environment: "${parameters.env}"
        phases:
          signoff: {}
        """);
    Files.createDirectories(dir.resolve("config"));

    Result bad = CliProcess.run("http://127.0.0.1:9", dir, null, Map.of(), "validate", plan.toString(), "--param", "env=no/such");

    assertThat(bad.exit()).as(bad.out()).isEqualTo(65);
    assertThat(bad.out()).startsWith(plan + ":3: environment: ");
  }
}
