package dev.rehearsal.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a command's output goes: stdout, or with {@code -o FILE} a file written atomically (a temporary file beside it,
 * moved over it once complete), so a pipeline never picks up half a report after a dropped connection.
 */
final class OutputFile {
  static final String OPTION = "--output";

  /** A file written: where, how many bytes, and their sha256 in hex. */
  record Written(Path path, long size, String sha256) {}

  private OutputFile() {}

  /** The options of a command that writes a download: the connection's, {@code -o}, and {@code extra}. */
  static Set<String> options(String... extra) {
    Set<String> options = new HashSet<>(CliArgs.CONNECTION);
    options.add(OPTION);
    options.addAll(List.of(extra));
    return options;
  }

  /** {@code argv} with {@code -o} spelled {@code --output}, the one short option the read commands take. */
  static List<String> longForm(List<String> argv) {
    List<String> spelled = new ArrayList<>(argv.size());
    for (String arg : argv) {
      spelled.add(arg.equals("-o") ? OPTION : arg.startsWith("-o=") ? OPTION + arg.substring(2) : arg);
    }
    return spelled;
  }

  /**
   * Writes what {@code body} writes to {@code file}, or to {@code stdout} when {@code file} is null; the file's size
   * and sha256 come back (null for stdout). Nothing is left behind when {@code body} fails.
   */
  static Written write(String file, PrintStream stdout, Consumer<OutputStream> body) {
    if (file == null) {
      // The command must not close stdout: later lines (and the JVM) still write to it.
      body.accept(new FilterOutputStream(stdout) {
        @Override
        public void write(byte[] bytes, int offset, int length) {
          stdout.write(bytes, offset, length);
        }

        @Override
        public void close() {
          stdout.flush();
        }
      });
      stdout.flush();
      return null;
    }
    Path target = target(file);
    Path temp;
    try {
      temp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot write " + file + ": " + reason(e));
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
        body.accept(out);
      }
      moveOver(temp, target);
      return new Written(target, Files.size(target), HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot write " + file + ": " + reason(e));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // Best effort: a leftover hidden .part file beside the target is harmless.
      }
    }
  }

  private static Path target(String file) {
    if (file.isBlank()) {
      throw new CliFailure(ExitCode.USAGE, "-o needs a file name");
    }
    Path target = Path.of(file);
    if (file.endsWith("/") || Files.isDirectory(target)) {
      throw new CliFailure(ExitCode.USAGE, file + " is a directory: -o takes a file name");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CliFailure(ExitCode.USAGE, "cannot write " + file + ": no such directory " + parent);
    }
    return target;
  }

  private static void moveOver(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
  }
}
