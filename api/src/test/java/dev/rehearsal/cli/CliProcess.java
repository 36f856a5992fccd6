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
 * The command line run as a pipeline runs it: its own process ({@link Cli} as main class on the test's classpath)
 * against {@code url}, the token in {@code REHEARSAL_TOKEN} only. Output is kept as bytes, so downloads can be compared
 * byte for byte.
 */
final class CliProcess {
  record Run(int exit, byte[] stdout, String err) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** The only line on stderr: every error is exactly one. */
    String errorLine() {
      assertThat(err.lines()).as("stderr").singleElement();
      return err.strip();
    }
  }

  private final String url;
  private final Path dir;

  CliProcess(String url, Path dir) {
    this.url = url;
    this.dir = dir;
  }

  /** Runs the CLI with {@code token} in REHEARSAL_TOKEN (null: none) and waits for it to end. */
  Run run(String token, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Cli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.remove("REHEARSAL_TOKEN");
    env.put("REHEARSAL_URL", url);
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    if (token != null) {
      env.put("REHEARSAL_TOKEN", token);
    }
    try {
      Path out = Files.createTempFile(dir, "out", ".bin");
      Path err = Files.createTempFile(dir, "err", ".txt");
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends").isTrue();
      return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
