package dev.rehearsal.workflows.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.activities.reports.HtmlReport;
import dev.rehearsal.activities.reports.RunReport;
import dev.rehearsal.testing.CommandRuns;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command wrote, kept as evidence with its size and sha256 in history: files, directories and globs; a missing
 * one fails the step unless optional, and nothing is ever read through a symbolic link.
 */
class ArtifactsRehearsalTest {
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
  void filesDirectoriesAndGlobsAreKeptWithTheirSha256() throws Exception {
    RehearsalState state = runs.run("""
        - name: e2e
          command:
            run: >-
              mkdir -p coverage-reports playwright-report/data reports &&
              printf 'TN:\\nSF:app.js\\n' > coverage-reports/lcov.info &&
              printf '<html>ok</html>' > playwright-report/index.html &&
              printf 'trace' > playwright-report/data/trace.zip &&
              printf '<testsuite/>' > reports/a.xml && printf '<testsuite tests="1"/>' > reports/b.xml &&
              printf 'not kept' > reports/c.txt && ln -s /etc/passwd reports/latest
            shell: true
            artifacts: [coverage-reports/lcov.info, playwright-report/, "reports/*.xml", { path: coverage/, optional: true }]
        """);

    StepState step = state.steps().get(0);
    assertThat(step.status()).as("a link the glob does not match is never read, so it does not matter").isEqualTo(StepStatus.SUCCEEDED);
    assertThat(step.evidence()).extracting(EvidenceRef::name).contains(
        "e2e.a1.artifact.coverage-reports:lcov.info", "e2e.a1.artifact.playwright-report",
        "e2e.a1.artifact.playwright-report.sha256", "e2e.a1.artifact.reports:a.xml", "e2e.a1.artifact.reports:b.xml");
    assertThat(step.evidence()).extracting(EvidenceRef::name).noneMatch(n -> n.contains("c.txt") || n.contains("coverage:"));
    EvidenceRef lcov = ref(step, "e2e.a1.artifact.coverage-reports:lcov.info");
    byte[] lcovBytes = "TN:\nSF:app.js\n".getBytes(StandardCharsets.UTF_8);
    assertThat(lcov.size()).isEqualTo(lcovBytes.length);
    assertThat(lcov.sha256()).isEqualTo(EvidenceStore.sha256(lcovBytes));
    assertThat(evidence.read(state.id(), lcov.name())).isEqualTo(lcovBytes);
    assertThat(ref(step, "e2e.a1.artifact.reports:b.xml").sha256())
        .isEqualTo(EvidenceStore.sha256("<testsuite tests=\"1\"/>".getBytes(StandardCharsets.UTF_8)));
    EvidenceRef report = ref(step, "e2e.a1.artifact.playwright-report");
    assertThat(report.size()).isEqualTo("<html>ok</html>".length() + "trace".length());
    String manifest = new String(evidence.read(state.id(), "e2e.a1.artifact.playwright-report.sha256"), StandardCharsets.UTF_8);
    assertThat(manifest).contains(EvidenceStore.sha256("trace".getBytes(StandardCharsets.UTF_8)) + "  data/trace.zip",
        EvidenceStore.sha256("<html>ok</html>".getBytes(StandardCharsets.UTF_8)) + "  index.html");
    assertThat(report.sha256()).as("the directory is pinned by its manifest").isEqualTo(EvidenceStore.sha256(manifest.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anSvgTheToolWroteIsKeptButNeverInlinedInTheReport() throws Exception {
    RehearsalState state = runs.run("""
        - name: chart
          command:
            run: 'printf "%s" "$SVG" > chart.svg'
            shell: true
            env: { SVG: '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(document.cookie)"><text>x</text></a></svg>' }
            artifacts: [chart.svg]
        """);

    assertThat(state.steps().get(0).evidence()).extracting(EvidenceRef::name).contains("chart.a1.artifact.chart.svg");
    String page = HtmlReport.render(RunReport.of(state), evidence.textReader(state.id()));
    assertThat(page).contains("chart.a1.artifact.chart.svg").doesNotContain("javascript:");
  }

  @Test
  void aSecretTheToolWroteIntoAnArtifactIsMaskedInTheEvidence() throws Exception {
    Path token = Files.createTempFile("artifact-secret", ".txt");
    Files.writeString(token, "s3cr3t-artifact-token");
    try {
      RehearsalState state = runs.run("""
          - name: tool
            command:
              run: 'printf "token=%%s\\n" "$TOKEN" > out.txt'
              shell: true
              env: { TOKEN: "${file:%s}" }
              artifacts: [out.txt]
          """.formatted(token));

      StepState step = state.steps().get(0);
      assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
      byte[] kept = evidence.read(state.id(), "tool.a1.artifact.out.txt");
      assertThat(new String(kept, StandardCharsets.UTF_8)).isEqualTo("token=********\n");
      assertThat(ref(step, "tool.a1.artifact.out.txt").sha256()).as("the hash is of what was kept")
          .isEqualTo(EvidenceStore.sha256(kept));
    } finally {
      Files.delete(token);
    }
  }

  @Test
  void aRequiredArtifactThatWasNotWrittenFailsTheStep() throws Exception {
    RehearsalState state = runs.run("""
        - name: audit
          command:
            run: [sh, -c, "echo audited"]
            artifacts: [security-audit-results.json]
        """);

    StepState step = state.steps().get(0);
    assertThat(state.status()).isEqualTo(RunStatus.FAILED);
    assertThat(step.status()).isEqualTo(StepStatus.FAILED);
    assertThat(step.attempts()).as("not retried").isEqualTo(1);
    assertThat(step.summary()).contains("artifact 'security-audit-results.json' was not written");
  }

  @Test
  void aSymbolicLinkOutOfTheWorkingDirectoryIsRefusedAtAnyLevel() throws Exception {
    for (String[] escape : List.of(
        new String[] {"ln -s /etc/passwd leak.txt", "leak.txt", "'leak.txt'"},
        new String[] {"ln -s /etc cfg", "cfg/passwd", "'cfg'"},
        new String[] {"mkdir out && echo ok > out/ok.txt && ln -s /etc/passwd out/shadow", "out/", "'out/shadow'"},
        new String[] {"mkdir r && ln -s /etc/passwd r/x.json", "r/*.json", "'r/x.json'"})) {
      RehearsalState state = runs.run("""
          - name: escape
            command:
              run: '%s'
              shell: true
              artifacts: ["%s"]
          """.formatted(escape[0], escape[1]));

      StepState step = state.steps().get(0);
      assertThat(step.status()).as(escape[0]).isEqualTo(StepStatus.FAILED);
      assertThat(step.attempts()).as("not retried").isEqualTo(1);
      assertThat(step.summary()).as(escape[0]).contains("leaves the working directory through the symbolic link " + escape[2]);
      Path runDir = evidence.runDirectory(state.id());
      try (Stream<Path> kept = Files.exists(runDir) ? Files.walk(runDir) : Stream.empty()) {
        assertThat(kept.filter(Files::isRegularFile).map(f -> read(f))).as("nothing of /etc/passwd is kept")
            .noneMatch(text -> text.contains("root:"));
      }
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private static EvidenceRef ref(StepState step, String name) {
    return step.evidence().stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no evidence " + name + " in " + step.evidence()));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
