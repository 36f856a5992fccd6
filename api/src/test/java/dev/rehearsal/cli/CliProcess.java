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
 * The command line as its own process, as a pipeline runs it: the test's classpath with {@link Cli} as main class,
 * the server from REHEARSAL_URL, the token in REHEARSAL_TOKEN only (null: none), stdout and stderr to files (so the
 * process has no terminal, as in CI). Output is kept as bytes, so downloads can be compared byte for byte.
 * {@link #start} leaves it running, for a follower that should see a decision.
 */
record CliProcess(Process process, Path out, Path err, List<String> command) {
  /** {@code command}: the process's whole command line, to show what a pipeline's {@code ps} would. */
  record Result(int exit, byte[] stdout, String err, List<String> command) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** The run id a {@code start} printed first. */
    String id() {
      return out().lines().findFirst().orElseThrow();
    }

    /** The only line on stderr: every error is exactly one. */
    String errorLine() {
      assertThat(err.lines()).as("stderr").singleElement();
      return err.strip();
    }
  }

  static CliProcess start(String url, Path dir, String token, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.remove("REHEARSAL_TOKEN");
    environment.put("REHEARSAL_URL", url);
    environment.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    environment.putAll(env);
    if (token != null) {
      environment.put("REHEARSAL_TOKEN", token);
    }
    try {
      Path out = Files.createTempFile(dir, "out", ".bin");
      Path err = Files.createTempFile(dir, "err", ".txt");
      return new CliProcess(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err,
          List.copyOf(command));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result run(String url, Path dir, String token, Map<String, String> env, String... args) {
    return start(url, dir, token, env, args).result();
  }

  /** What it printed so far. */
  String outSoFar() {
    return new String(read(out), StandardCharsets.UTF_8);
  }

  Result result() {
    try {
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the CLI ends").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Result(process.exitValue(), read(out), new String(read(err), StandardCharsets.UTF_8), command);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
