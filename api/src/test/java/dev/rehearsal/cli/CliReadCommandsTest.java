package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.LocalApp;
import dev.rehearsal.api.console.ConsoleApp;
import dev.rehearsal.api.reports.JunitXml;
import dev.rehearsal.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The read commands as a pipeline uses them, each its own process against the real local-mode app: a run as JUnit
 * XML, its evidence byte for byte, its timeline, the list, and the audit export, with the roles the API enforces.
 */
class CliReadCommandsTest extends ConsoleApp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILING_PHASES = """
      phases:
        smoke:
          - name: blob
            command:
              run: [sh, -c, 'head -c 70000 /dev/urandom > blob.bin']
              artifacts: [blob.bin]
          - name: broken
            command: { run: [sh, -c, 'echo boom >&2; exit 3'] }
        signoff: {}
      """;
  private static final String WARN_PHASES = """
      phases:
        smoke:
          - name: check
            command: { run: [echo, '{"errors": 3}'] }
            gates:
              printed: { stdout: true, pointer: /errors, pass: 0, warn: 5 }
        signoff: {}
      """;

  private static Path dir;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("rehearsal-cli-read-test");
    Files.createDirectories(dir.resolve("config"));
  }

  @Test
  void aFailedRunReadsAsJunitXmlItsEvidenceByteForByteAndItsTimeline() throws Exception {
    CliProcess.Result failed = cli(LocalApp.ALICE, "start", plan("cli-read-fail", FAILING_PHASES).toString(), "--rc", "v2.0.0",
        "--wait", "--until", "end");
    assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(3);
    String id = failed.out().lines().findFirst().orElseThrow();
    JsonNode state = api().get("/api/v1/rehearsals/" + id, LocalApp.DAVE).json();

    Path reports = Files.createDirectories(dir.resolve("reports"));
    Path junit = reports.resolve("rehearsal.xml");
    CliProcess.Result report = cli(LocalApp.ALICE, "report", id, "--format", "junit", "-o", junit.toString());
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(report.stdout()).isEmpty();
    try (Stream<Path> files = Files.list(reports)) {
      assertThat(files).as("written atomically: no temporary file left").containsExactly(junit);
    }
    JunitXml xml = JunitXml.parse(Files.readAllBytes(junit));
    Element smoke = xml.suite("smoke");
    assertThat(smoke.getAttribute("tests") + "/" + smoke.getAttribute("failures") + "/" + smoke.getAttribute("skipped")).isEqualTo("2/1/0");
    assertThat(JunitXml.child(xml.testCase("blob"), "failure")).isNull();
    assertThat(Double.parseDouble(xml.testCase("blob").getAttribute("time"))).isPositive();
    assertThat(JunitXml.child(xml.testCase("broken"), "failure").getAttribute("message"))
        .isEqualTo(step(state, "broken").get("summary").asText().replaceAll("[\r\n]+", " ")).isNotBlank();

    assertThat(cli(LocalApp.BOB, "report", id).out()).as("Markdown by default").startsWith("# Rehearsal " + id);
    assertThat(JSON.readTree(cli(LocalApp.DAVE, "report", id, "--format", "json").stdout()).get("id").asText()).isEqualTo(id);

    JsonNode blob = step(state, "blob").get("evidence").get(0);
    Path saved = dir.resolve("blob.bin");
    CliProcess.Result evidence = cli(LocalApp.ALICE, "evidence", id, blob.get("name").asText(), "-o", saved.toString());
    assertThat(evidence.exit()).as(evidence.err()).isZero();
    assertThat(sha256(Files.readAllBytes(saved))).as("the bytes the server recorded").isEqualTo(blob.get("sha256").asText());
    assertThat(evidence.errorLine()).isEqualTo("wrote " + saved + ": 70000 bytes, sha256:" + blob.get("sha256").asText());
    assertThat(cli(LocalApp.DAVE, "evidence", id, blob.get("name").asText()).stdout()).as("to stdout, binary-safe")
        .isEqualTo(Files.readAllBytes(saved));

    CliProcess.Result history = cli(LocalApp.DAVE, "history", id);
    assertThat(history.exit()).as(history.err()).isZero();
    assertThat(history.out().lines()).anyMatch(l -> l.contains("RUN_STARTED") && l.contains("by alice"))
        .anyMatch(l -> l.contains("STEP_FAILED") && l.contains("step broken"));
    assertThat(JSON.readTree(cli(LocalApp.DAVE, "history", id, "--format", "temporal").stdout()).has("events")).isTrue();
    assertThat(cli(LocalApp.ALICE, "history", id).exit()).as("the timeline is for auditors").isEqualTo(77);

    CliProcess.Result list = cli(LocalApp.DAVE, "list", "--plan", "cli-read-fail");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("READINESS", "INITIATOR");
    assertThat(list.out().lines()).anyMatch(l -> l.startsWith(id) && l.contains("v2.0.0") && l.contains("FAILED") && l.endsWith("alice"));
    JsonNode listed = JSON.readTree(cli(LocalApp.BOB, "list", "--status", "FAILED", "--status", "SUCCEEDED",
        "--plan", "cli-read-fail", "--since", "1d", "--format", "json").stdout());
    assertThat(listed.get("items")).anySatisfy(run -> assertThat(run.get("id").asText()).isEqualTo(id));
  }

  @Test
  void aWarnGateFailsInJunitUntilWaivedAndOnlyAuditorsExport() throws Exception {
    CliProcess.Result started = cli(LocalApp.ALICE, "start", plan("cli-read-warn", WARN_PHASES).toString(), "--rc", "v2.1.0", "--wait");
    assertThat(started.exit()).as(started.out() + started.err()).isEqualTo(2);
    String id = started.out().lines().findFirst().orElseThrow();

    JunitXml before = JunitXml.parse(cli(LocalApp.BOB, "report", id, "--format", "junit").stdout());
    assertThat(JunitXml.child(before.testCase("check.printed"), "failure").getAttribute("message"))
        .contains("WARN: value 3", "needs a waiver: approve with --waive check.printed=REASON");

    CliProcess.Result approved = cli(LocalApp.BOB, "approve", id, "--comment", "ok", "--waive", "check.printed=three known errors");
    assertThat(approved.exit()).as(approved.err()).isZero();
    Await.value(() -> cli(LocalApp.DAVE, "status", id), r -> r.out().contains("SUCCEEDED"), id + " to succeed");
    JunitXml after = JunitXml.parse(cli(LocalApp.BOB, "report", id, "--format", "junit").stdout());
    Element gate = after.testCase("check.printed");
    assertThat(JunitXml.child(gate, "failure")).as("waived").isNull();
    assertThat(JunitXml.child(gate, "system-out").getTextContent()).contains("waived by bob: three known errors");
    assertThat(after.root().getAttribute("failures")).isEqualTo("0");

    Path csv = dir.resolve("audit.csv");
    CliProcess.Result export = cli(LocalApp.DAVE, "export", "--format", "csv", "--plan", "cli-read-warn", "-o", csv.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(Files.readString(csv)).contains(id, "APPROVE", "bob");
    JsonNode json = JSON.readTree(cli(LocalApp.DAVE, "export", "--plan", "cli-read-warn", "--rc", "v2.1.0").stdout());
    assertThat(json.get("runs")).singleElement().satisfies(run -> assertThat(run.get("id").asText()).isEqualTo(id));

    CliProcess.Result engineer = cli(LocalApp.ALICE, "export", "--format", "csv");
    assertThat(engineer.exit()).isEqualTo(77);
    assertThat(engineer.errorLine()).startsWith("rehearsal export: not permitted");
    assertThat(engineer.stdout()).isEmpty();
  }

  @Test
  void anUnknownRunABadPathAndABadFlagAreOneLineEach() throws IOException {
    CliProcess.Result unknown = cli(LocalApp.DAVE, "report", "rh-nope", "--format", "junit");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.errorLine()).contains("no rehearsal rh-nope");
    assertThat(unknown.stdout()).isEmpty();

    Path target = dir.resolve("never.xml");
    CliProcess.Result notWritten = cli(LocalApp.DAVE, "evidence", "rh-nope", "x.log", "-o", target.toString());
    assertThat(notWritten.exit()).isEqualTo(1);
    assertThat(notWritten.errorLine()).contains("404", "no evidence x.log in rehearsal rh-nope");
    assertThat(target).as("nothing written for a refusal").doesNotExist();

    CliProcess.Result directory = cli(LocalApp.DAVE, "report", "rh-nope", "-o", dir.toString());
    assertThat(directory.exit()).isEqualTo(64);
    assertThat(directory.errorLine()).contains(dir + " is a directory");

    CliProcess.Result format = cli(LocalApp.DAVE, "report", "rh-nope", "--format", "pdf");
    assertThat(format.exit()).isEqualTo(64);
    assertThat(format.errorLine()).contains("--format takes md, html, json or junit", "usage: rehearsal report");

    CliProcess.Result limit = cli(LocalApp.DAVE, "list", "--limit", "0");
    assertThat(limit.exit()).isEqualTo(64);
    assertThat(limit.errorLine()).contains("--limit takes a number from 1 to 200");

    CliProcess.Result extra = cli(LocalApp.DAVE, "export", "everything");
    assertThat(extra.exit()).isEqualTo(64);
    assertThat(extra.errorLine()).contains("takes no arguments, got everything", "usage: rehearsal export");
  }

  private CliProcess.Result cli(String token, String... args) {
    return CliProcess.run(baseUrl(), dir, token, Map.of(), args);
  }

  private static JsonNode step(JsonNode state, String name) {
    for (JsonNode step : state.get("steps")) {
      if (step.get("name").asText().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("no step " + name + " in " + state);
  }

  private static Path plan(String name, String phases) throws IOException {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: rehearsal/v1
        name: %s
        environment: staging
        %s""".formatted(name, phases));
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
