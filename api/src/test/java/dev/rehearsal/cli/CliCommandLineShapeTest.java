package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.RehearsalApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's main as a pipeline starts it: options written before the command, a lone {@code --} or a mistyped command
 * are the command line's (one line, the right exit code), never a server starting in a pipeline step.
 */
class CliCommandLineShapeTest {
  /** Nothing listens there: a command that reaches for the server ends with 69 at once. */
  private static final String NOBODY = "http://127.0.0.1:9";

  @TempDir
  Path dir;

  @Test
  void connectionOptionsBeforeTheCommandAreTheCommandsNotTheServers() throws Exception {
    Run before = main("--url", NOBODY, "status", "rh-1");
    Run equals = main("--url=" + NOBODY, "--token-file", token().toString(), "status", "rh-1");

    assertThat(before.exit).as(before.err).isEqualTo(69);
    assertThat(before.err.lines()).singleElement().asString().startsWith("rehearsal status: ").contains("127.0.0.1:9");
    assertThat(equals.exit).as(equals.err).isEqualTo(69);
    assertThat(before.out + equals.out).doesNotContain("Spring", "Starting");
  }

  @Test
  void aLoneDoubleDashOrAMistypedCommandIsOneLineAndUsage() throws Exception {
    Run dashes = main("--");
    Run unknown = main("frobnicate", "--url", NOBODY);
    Run onlyOptions = main("--url", NOBODY);

    assertThat(dashes.exit).isEqualTo(64);
    assertThat(dashes.err.lines()).containsExactly("rehearsal: no command given; try rehearsal help");
    assertThat(unknown.exit).isEqualTo(64);
    assertThat(unknown.err.lines()).containsExactly("rehearsal: unknown command frobnicate; try rehearsal help");
    assertThat(onlyOptions.exit).isEqualTo(64);
    assertThat(onlyOptions.err.lines()).containsExactly("rehearsal: no command given; try rehearsal help");
  }

  @Test
  void helpStillPrintsEveryCommandAndOnlySpringPropertiesMeanTheServer() throws Exception {
    Run help = main("--url", NOBODY, "--help");

    assertThat(help.exit).isZero();
    assertThat(help.out).contains("rehearsal status ID", "rehearsal validate PLAN.yaml");
    assertThat(Cli.isServer(new String[0])).isTrue();
    assertThat(Cli.isServer(new String[] {"--spring.config.additional-location=file:/config/users.yaml", "--debug"})).isTrue();
    assertThat(Cli.isServer(new String[] {"--server.port=8081", "status"})).isFalse();
    assertThat(Cli.isServer(new String[] {"--url=http://x"})).isFalse();
    assertThat(Cli.isServer(new String[] {"--"})).isFalse();
  }

  private Path token() throws Exception {
    return Files.writeString(dir.resolve("token"), "t0k3n\n");
  }

  private Run main(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RehearsalApplication.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("REHEARSAL_TOKEN", "t0k3n");
    builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after 60 s (a server started?): " + Files.readString(out));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}
}
