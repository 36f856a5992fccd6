package dev.rehearsal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.RehearsalApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up the app refuses ends the process with a non-zero status, as {@code java -jar rehearsal.jar} would: no
 * thread left behind by what was built before the refusal keeps the JVM alive.
 */
class RefusedStartupTest {
  private static final long EXIT_WITHIN_SECONDS = 180; // a whole Spring start on a loaded 2-core CI machine took 45 s

  @TempDir Path dir;

  @Test
  void plaintextTokensAgainstARemoteTemporalEndTheProcess() throws Exception {
    String output = start(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1", "REHEARSAL_MODE", "api"),
        "--rehearsal.security.users[0].name=a",
        "--rehearsal.security.users[0].roles=ENGINEER",
        "--rehearsal.security.users[0].token=plain");

    assertThat(output).contains("plaintext tokens are refused outside local mode");
  }

  @Test
  void aHeadCopyInsideTheDataDirectoryEndsTheProcessInLocalMode() throws Exception {
    String output = start(Map.of(),
        "--temporal.local-port=0",
        "--rehearsal.audit.head-copy=" + dir.resolve("data").resolve("head"));

    assertThat(output).contains("must be outside the data directory");
  }

  /** Hostile finding 13: one person, one name. */
  @Test
  void twoUsersWhoseNamesDifferOnlyInCaseEndTheProcess() throws Exception {
    String output = start(Map.of(),
        "--temporal.local-port=0",
        "--rehearsal.security.users[0].name=eve",
        "--rehearsal.security.users[0].roles=ENGINEER",
        "--rehearsal.security.users[0].token=eve-token",
        "--rehearsal.security.users[1].name=EVE",
        "--rehearsal.security.users[1].roles=APPROVER",
        "--rehearsal.security.users[1].token=other-token");

    assertThat(output).contains("rehearsal.security.users[1] (EVE): the same name as rehearsal.security.users[0] (eve)");
  }

  /** The refused app's output, once its JVM has exited non-zero. */
  private String start(Map<String, String> environment, String... args) throws Exception {
    Path log = dir.resolve("app.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RehearsalApplication.class.getName(),
        "--server.port=0", "--rehearsal.data-dir=" + dir.resolve("data")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeAll(List.of("TEMPORAL_ADDRESS", "REHEARSAL_MODE"));
    builder.environment().putAll(environment);
    Process app = builder.start();
    try {
      boolean exited = app.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
      String output = Files.readString(log);
      assertThat(exited).as("the refused app's JVM exited; its output:%n%s", output).isTrue();
      assertThat(app.exitValue()).as("exit status").isNotZero();
      assertThat(output).contains("Application run failed");
      return output;
    } finally {
      app.destroyForcibly();
    }
  }
}
