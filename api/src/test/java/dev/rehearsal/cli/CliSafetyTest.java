package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.cli.StubServer.Reply;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What stands between a pipeline and the server (a sign-in proxy answering 200 with HTML, a redirect, a 502 during a
 * deploy), tokens pasted badly, and output that cannot be written: the command line never takes any of it for a
 * success, never shows a token, and never replaces a file with a broken one. The CLI runs as its own process against
 * a {@link StubServer}.
 */
class CliSafetyTest {
  private static final String TOKEN = "tok-3f9a1c7e";
  private static final String STATE = """
      {"id": "rh-1", "plan": "p", "releaseCandidate": "v1", "environment": "staging", "status": "%s",
       "phase": "SMOKE", "readiness": "PASS", "steps": [], "gates": []}""";
  private static final String HTML = "<html>Sign in to Corp SSO</html>";

  private static Path dir;
  private static StubServer stub;
  private static final AtomicInteger flakyPolls = new AtomicInteger();

  @BeforeAll
  static void servers() throws IOException {
    dir = Files.createTempDirectory("rehearsal-cli-safety");
    Files.createDirectories(dir.resolve("config"));
    StringBuilder timeline = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      timeline.append(i == 0 ? "" : ",").append("{\"at\": \"2026-11-30T11:00:00Z\", \"type\": \"STEP_STARTED\", \"step\": \"step-")
          .append(i).append("\", \"detail\": {}}");
    }
    String history = timeline.append("]").toString();
    stub = new StubServer()
        .on("/html/", exchange -> Reply.of(200, "text/html; charset=utf-8", HTML))
        .on("/bare/", exchange -> Reply.json("{}"))
        .on("/sso/", exchange -> new Reply(302, null, "", "https://sso.example/login?state=abc"))
        .on("/broken/", exchange -> Reply.of(502, "text/html", "<html>Bad Gateway</html>"))
        .on("/weird/", exchange -> Reply.json(STATE.formatted("PAUSED")))
        .on("/whoami/", exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String who = auth.equals("Bearer " + TOKEN) ? "file" : auth.equals("Bearer env-token") ? "env" : "unknown";
          return Reply.json(STATE.formatted("RUNNING").replace("\"p\"", "\"" + who + "\""));
        })
        .on("/good/", exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (!exchange.getRequestHeaders().getFirst("Authorization").equals("Bearer " + TOKEN)) {
            return Reply.of(401, "application/problem+json", "{\"title\": \"Unauthorized\"}");
          }
          if (path.endsWith("/report")) {
            return Reply.of(200, "application/xml", "<testsuites tests=\"1\"/>");
          }
          return path.endsWith("/history") ? Reply.json(history) : Reply.json(STATE.formatted("RUNNING"));
        })
        .on("/flaky/", exchange -> switch (flakyPolls.incrementAndGet()) {
          case 1 -> Reply.json(STATE.formatted("RUNNING"));
          case 2 -> Reply.of(502, "text/html", "<html>Bad Gateway</html>");
          case 3 -> null;
          case 4 -> Reply.of(503, null, "");
          default -> Reply.json(STATE.formatted("AWAITING_APPROVAL"));
        })
        .on("/down/", new java.util.function.Function<>() {
          private final AtomicInteger polls = new AtomicInteger();

          @Override
          public Reply apply(com.sun.net.httpserver.HttpExchange exchange) {
            return polls.incrementAndGet() == 1 ? Reply.json(STATE.formatted("RUNNING")) : Reply.of(503, null, "");
          }
        });
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @Test
  void aTwoHundredThatIsNotTheApiIsNeverASuccess() throws IOException {
    String html = stub.url("/html");
    CliProcess.Result approved = cli(html, "approve", "rh-1", "--comment", "ok", "--digest", "sha256:" + "a".repeat(64));
    assertThat(approved.exit()).as(approved.out()).isEqualTo(69);
    assertThat(approved.out()).doesNotContain("approved");
    assertThat(approved.errorLine()).contains("unexpected answer from " + html + "/api/v1/rehearsals/rh-1/approvals (HTTP 200, text/html)",
        "not the Rehearsal API?");

    CliProcess.Result status = cli(html, "status", "rh-1");
    assertThat(status.exit()).isEqualTo(69);
    assertThat(status.errorLine()).contains("unexpected answer", "text/html");

    CliProcess.Result started = cli(stub.url("/bare"), "start", plan().toString(), "--rc", "v1");
    assertThat(started.exit()).isEqualTo(69);
    assertThat(started.out()).as("no empty run id for a pipeline to pick up").isEmpty();
    assertThat(started.errorLine()).contains("(HTTP 200, application/json, no \"id\" in it): not the Rehearsal API?");

    Path report = dir.resolve("junk.xml");
    CliProcess.Result downloaded = cli(html, "report", "rh-1", "--format", "junit", "-o", report.toString());
    assertThat(downloaded.exit()).isEqualTo(69);
    assertThat(downloaded.errorLine()).contains("text/html", "asked for application/xml");
    assertThat(report).doesNotExist();
  }

  @Test
  void aTokenThatIsNotOneWordIsRefusedNamingWhereItCameFromNeverShowingIt() throws Exception {
    Path twoLines = Files.writeString(dir.resolve("two-lines"), TOKEN + "\nsecond-line-secret\n");
    CliProcess.Result fromFile = cli(stub.url("/good"), null, Map.of(), "status", "rh-1", "--token-file", twoLines.toString());
    assertThat(fromFile.exit()).isEqualTo(77);
    assertThat(fromFile.errorLine()).contains("the token file " + twoLines, "a line break").doesNotContain(TOKEN, "second-line-secret");

    CliProcess.Result fromEnv = cli(stub.url("/good"), TOKEN + "\nhunter2", Map.of(), "status", "rh-1");
    assertThat(fromEnv.exit()).isEqualTo(77);
    assertThat(fromEnv.errorLine()).contains("REHEARSAL_TOKEN", "a line break").doesNotContain(TOKEN, "hunter2");

    Path bom = Files.write(dir.resolve("bom"), ("\uFEFF" + TOKEN + "\r\n").getBytes(StandardCharsets.UTF_8));
    CliProcess.Result windows = cli(stub.url("/good"), null, Map.of(), "status", "rh-1", "--token-file", bom.toString());
    assertThat(windows.exit()).as("a Windows editor's byte-order mark is not part of the token: " + windows.err()).isZero();

    Path fifo = dir.resolve("token-fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Run blocked = java(null, "", "status", "rh-1", "--url", stub.url("/good"), "--token-file", fifo.toString());
    assertThat(blocked.exit()).isEqualTo(64);
    assertThat(blocked.err()).contains(fifo + " is not a regular file");
  }

  @Test
  void aTokenFileBeatsTheEnvironmentAsTheReadmeSays() throws IOException {
    Path file = Files.writeString(dir.resolve("token-file"), TOKEN + "\n");
    CliProcess.Result both = cli(stub.url("/whoami"), "env-token", Map.of(), "status", "rh-1", "--token-file", file.toString());
    assertThat(both.out()).as("the run's plan is who the stub saw").contains("rh-1  file ");
    String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("README.md"));
    assertThat(readme).contains("The token is the file `--token-file FILE`, else `REHEARSAL_TOKEN`, else");
  }

  @Test
  void followRidesOutAnOutageAndGivesUpOnlyAfterItsBound() throws IOException {
    CliProcess.Result followed = cli(stub.url("/flaky"), TOKEN, Map.of("REHEARSAL_POLL_MS", "100"), "follow", "rh-1");
    assertThat(followed.exit()).as(followed.out() + followed.err()).isZero();
    assertThat(followed.err().lines()).as("one line when lost, one when back").hasSize(2);
    assertThat(followed.err()).contains("lost the server (server error (HTTP 502) at " + stub.url("/flaky") + "), retrying for up to 10m",
        "the server answers again");
    assertThat(followed.out()).contains("waiting for sign-off", "page       " + stub.url("/flaky") + "/runs/rh-1");

    CliProcess.Result gaveUp = cli(stub.url("/down"), TOKEN, Map.of("REHEARSAL_POLL_MS", "100", "REHEARSAL_RECONNECT", "2s"),
        "start", plan().toString(), "--rc", "v1", "--wait");
    assertThat(gaveUp.exit()).isEqualTo(69);
    assertThat(gaveUp.err()).contains("lost the server", "gave up after 2s without the server");
  }

  @Test
  void aStatusThisCliDoesNotKnowIsNeverAPass() {
    CliProcess.Result status = cli(stub.url("/weird"), "status", "rh-1");
    assertThat(status.exit()).isEqualTo(1);
    assertThat(status.out()).contains("status     PAUSED");
    assertThat(status.errorLine()).contains("PAUSED is unknown to this command line");

    CliProcess.Result followed = cli(stub.url("/weird"), "follow", "rh-1");
    assertThat(followed.exit()).isEqualTo(1);
    assertThat(followed.errorLine()).contains("PAUSED is unknown to this command line").doesNotContain("Exception");
  }

  @Test
  void outputThatCannotBeWrittenFailsAndNeverReplacesAFile() throws Exception {
    String good = stub.url("/good");
    Run full = java(new File("/dev/full"), "", "report", "rh-1", "--format", "junit", "--url", good);
    assertThat(full.exit()).isEqualTo(74);
    assertThat(full.err()).contains("cannot write");
    Run fullStatus = java(new File("/dev/full"), "", "status", "rh-1", "--url", good);
    assertThat(fullStatus.exit()).isEqualTo(74);
    assertThat(fullStatus.err().strip()).isEqualTo("rehearsal status: cannot write to stdout (a full disk, or a closed pipe?)");

    // A file size limit plays the full disk: the timeline is larger than 4 KiB.
    Path old = Files.writeString(dir.resolve("history.txt"), "old\n");
    Run limited = java(null, "ulimit -f 8;", "history", "rh-1", "-o", old.toString(), "--url", good);
    assertThat(limited.exit()).as(limited.err()).isEqualTo(74);
    assertThat(limited.err()).contains("cannot write " + old);
    assertThat(Files.readString(old)).isEqualTo("old\n");
    try (var left = Files.list(dir)) {
      assertThat(left).noneMatch(f -> f.getFileName().toString().endsWith(".part"));
    }
  }

  @Test
  void dashOWritesRegularFilesOnlyWithTheUsualModeAndDashIsStdout() throws Exception {
    String good = stub.url("/good");
    Path real = Files.writeString(dir.resolve("real.txt"), "keep me\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.xml"), real);
    CliProcess.Result toLink = cli(good, "report", "rh-1", "--format", "junit", "-o", link.toString());
    assertThat(toLink.exit()).isEqualTo(64);
    assertThat(toLink.err()).contains("is not a regular file");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("keep me\n");

    Path fresh = dir.resolve("fresh.xml");
    Run created = java(null, "umask 022;", "report", "rh-1", "--format", "junit", "-o", fresh.toString(), "--url", good);
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-r--r--");

    CliProcess.Result dash = cli(good, "report", "rh-1", "--format", "junit", "-o", "-");
    assertThat(dash.exit()).as(dash.err()).isZero();
    assertThat(dash.out()).contains("<testsuites");
  }

  @Test
  void cornersAreOneLineWithTheRightCode() throws Exception {
    CliProcess.Result port = cli("http://127.0.0.1:99999", "status", "rh-1");
    assertThat(port.exit()).isEqualTo(64);
    assertThat(port.errorLine()).contains("port");

    CliProcess.Result redirected = cli(stub.url("/sso"), "status", "rh-1");
    assertThat(redirected.exit()).isEqualTo(69);
    assertThat(redirected.errorLine()).contains("redirected (HTTP 302) to https://sso.example/login").doesNotContain("state=abc");

    CliProcess.Result failing = cli(stub.url("/broken"), "status", "rh-1");
    assertThat(failing.exit()).isEqualTo(69);
    assertThat(failing.errorLine()).contains("server error (HTTP 502)").doesNotContain("refused");

    CliProcess.Result swallowed = cli(stub.url("/good"), "start", plan().toString(), "--rc", "--wait");
    assertThat(swallowed.exit()).isEqualTo(64);
    assertThat(swallowed.errorLine()).contains("--rc needs a value, got the option --wait");

    Path fifo = dir.resolve("plan-fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    for (String plan : List.of(fifo.toString(), "/dev/zero")) {
      Run refused = java(null, "", "validate", plan);
      assertThat(refused.exit()).as(plan).isEqualTo(64);
      assertThat(refused.err().strip()).startsWith("rehearsal validate: " + plan + ": not a regular file");
    }
  }

  private static Path plan() throws IOException {
    return Files.writeString(dir.resolve("plan.yaml"), """
        apiVersion: rehearsal/v1
        name: cli-safety
        environment: staging
        phases:
          smoke:
            - name: check
              command: { run: [echo, ok] }
          signoff: {}
        """);
  }

  private static CliProcess.Result cli(String url, String... args) {
    return cli(url, TOKEN, Map.of(), args);
  }

  private static CliProcess.Result cli(String url, String token, Map<String, String> env, String... args) {
    return CliProcess.run(url, dir, token, env, args);
  }

  /** What a process run through {@link #java} did. */
  private record Run(int exit, String err) {}

  /**
   * The CLI through {@code sh}, after {@code setUp} (a umask, a file size limit), stdout to {@code stdout} (null: a
   * file), the token in REHEARSAL_TOKEN; one that blocks is killed after 30 s (and fails the test).
   */
  private static Run java(File stdout, String setUp, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", setUp + " exec \"$@\"", "sh",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("REHEARSAL_TOKEN", TOKEN);
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectOutput(stdout == null ? Files.createTempFile(dir, "out", ".txt").toFile() : stdout).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the CLI blocked: " + String.join(" ", args));
    }
    return new Run(process.exitValue(), Files.readString(err));
  }
}
