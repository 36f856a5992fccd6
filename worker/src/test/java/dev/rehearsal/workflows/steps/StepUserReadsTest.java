package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.testing.CommandRuns;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker (root, as here) reads a step's artifacts, reports and file outputs only where the step's own user
 * (nobody) could have read them: a plan cannot point its working directory at / or at the worker's data and carry
 * off /etc/shadow, the users file or the key of the secret outputs.
 */
class StepUserReadsTest {
  @TempDir Path dir;
  private CommandRuns runs;
  private EvidenceStore evidence;

  @BeforeEach
  void start() {
    runs = new CommandRuns(dir);
    evidence = runs.evidence();
  }

  @AfterEach
  void stop() {
    runs.close();
  }

  @Test
  void etcShadowIsNeitherAnArtifactNorAFileOutputNorAReport() throws Exception {
    String shadow = Files.readAllLines(Path.of("/etc/shadow")).get(1);
    for (String[] misuse : List.of(
        new String[] {"artifacts: [etc/shadow]", ""},
        new String[] {"", "outputs: { sh: { file: etc/shadow } }"},
        new String[] {"", "gates: { u: { report: etc/shadow, pointer: /x, pass: 1 } }"})) {
      RehearsalState state = runs.run("""
          - name: readshadow
            command:
              run: [sh, -c, "id; true"]
              workdir: /
              %s
            %s
          """.formatted(misuse[0], misuse[1]));

      StepState step = state.steps().get(0);
      assertThat(step.status()).as(String.join(" ", misuse)).isEqualTo(StepStatus.FAILED);
      assertThat(step.attempts()).as("not retried").isEqualTo(1);
      assertThat(step.summary()).contains("'etc/shadow'", "the step's user nobody", "could not read /etc/shadow");
      String history = runs.history();
      assertThat(history).contains("GuardRefused").doesNotContain(shadow);
      assertThat(state.toString()).doesNotContain(shadow);
      assertThat(kept(state)).as("nothing of /etc/shadow is kept").noneMatch(text -> text.contains(shadow));
    }
  }

  @Test
  void aRootOnlyFileInAWorldReadableDirectoryIsRefused() throws Exception {
    Path probe = Files.createDirectories(dir.resolve("probe13"));
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path users = Files.writeString(probe.resolve("users.yaml"), "alice: token-of-alice\n");
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));

    RehearsalState state = runs.run("""
        - name: readusers
          command:
            run: [sh, -c, "true"]
            workdir: /
            artifacts: [{ path: %s, optional: true }]
        """.formatted(Path.of("/").relativize(users)));

    StepState step = state.steps().get(0);
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    assertThat(step.summary()).contains("could not read " + users);
    assertThat(kept(state)).noneMatch(text -> text.contains("token-of-alice"));
  }

  @Test
  void aDirectoryTheStepUserCannotSearchIsRefused() throws Exception {
    Path closed = Files.createDirectories(dir.resolve("closed"));
    Files.writeString(closed.resolve("report.json"), "{\"x\": 1}");
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwxr-xr--"));

    RehearsalState state = runs.run("""
        - name: through
          command:
            run: [sh, -c, "true"]
            workdir: /
          gates: { x: { report: %s, pointer: /x, pass: 1 } }
        """.formatted(Path.of("/").relativize(closed.resolve("report.json"))));

    StepState step = state.steps().get(0);
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    assertThat(step.summary()).contains("could not read " + closed + " (it may not search the directory)");
  }

  @Test
  void theWorkersDataDirectoryIsNoWorkingDirectory() throws Exception {
    Files.createDirectories(evidence.dataDir().resolve("secret-outputs"));

    RehearsalState state = runs.run("""
        - name: key
          command:
            run: [sh, -c, "echo ran"]
            workdir: %s
            artifacts: ["**"]
        """.formatted(evidence.dataDir().resolve("secret-outputs")));

    StepState step = state.steps().get(0);
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    assertThat(step.attempts()).as("not retried").isEqualTo(1);
    assertThat(step.summary()).contains("is the worker's own data or configuration");
    assertThat(step.evidence()).as("the command never ran").isEmpty();
  }

  @Test
  void aHardLinkToAFileTheStepUserCannotReadIsRefusedByItsPermissions() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path secret = Files.writeString(dir.resolve("root-only.txt"), "root-only-content");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.createLink(work.resolve("linked.txt"), secret);
    Path open = Files.writeString(dir.resolve("open.txt"), "open-content");
    Files.createLink(work.resolve("second-name.txt"), open);

    RehearsalState refused = runs.run("""
        - name: linked
          command: { run: [sh, -c, "true"], workdir: %s, artifacts: [linked.txt] }
        """.formatted(work));
    assertThat(refused.steps().get(0).summary()).contains("could not read " + work.resolve("linked.txt"));
    assertThat(kept(refused)).noneMatch(text -> text.contains("root-only-content"));

    RehearsalState twoNames = runs.run("""
        - name: linked
          command: { run: [sh, -c, "true"], workdir: %s, artifacts: ["second-*.txt"] }
        """.formatted(work));
    assertThat(twoNames.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
    assertThat(twoNames.steps().get(0).summary()).contains("has more than one name (a hard link)");
  }

  @Test
  void aWorkingDirectoryTheStepUserCanReadIsReadAsBefore() throws Exception {
    Path work = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(work.resolve("build.json"), "{\"x\": 1}");
    Files.writeString(work.resolve("version.txt"), "1.2.3\n");

    RehearsalState state = runs.run("""
        - name: build
          command:
            run: [sh, -c, "true"]
            workdir: %s
            artifacts: [build.json]
          outputs: { version: { file: version.txt } }
          gates: { x: { report: build.json, pointer: /x, pass: 1 } }
        """.formatted(work));

    StepState step = state.steps().get(0);
    assertThat(step.status()).as(step.summary()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.outputs()).containsEntry("version", "1.2.3");
    assertThat(step.evidence()).extracting(EvidenceRef::name).contains("build.a1.artifact.build.json");
  }

  /** The text of every file kept for the run. */
  private List<String> kept(RehearsalState state) throws IOException {
    Path runDir = evidence.runDirectory(state.id());
    try (Stream<Path> files = Files.exists(runDir) ? Files.walk(runDir) : Stream.empty()) {
      return files.filter(Files::isRegularFile).map(StepUserReadsTest::read).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
