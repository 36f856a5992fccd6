package dev.rehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line as a pipeline runs it: its own process ({@link Cli} as main class on the test's classpath), the
 * server in REHEARSAL_URL and the token in REHEARSAL_TOKEN only.
 */
final class CliSubprocess {
  record Result(int exit, String out, String err, List<String> command) {
    /** The one line a failing command writes to stderr. */
    String errLine() {
      assertThat(err.lines()).as("one line on stderr: " + err).hasSize(1);
      return err.strip();
    }
  }

  private final String url;
  private final Path scratch;

  /** A CLI for the server at {@code url}; its config directory and outputs go under {@code scratch}. */
  CliSubprocess(String url, Path scratch) {
    this.url = url;
    this.scratch = scratch;
  }

  /** Runs {@code rehearsal args...}; {@code token} goes in REHEARSAL_TOKEN (null: none). */
  Result run(String token, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.remove("REHEARSAL_TOKEN");
    env.put("REHEARSAL_URL", url);
    env.put("XDG_CONFIG_HOME", scratch.resolve("config").toString());
    if (token != null) {
      env.put("REHEARSAL_TOKEN", token);
    }
    try {
      Path out = Files.createTempFile(scratch, "out", ".txt");
      Path err = Files.createTempFile(scratch, "err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends").isTrue();
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
