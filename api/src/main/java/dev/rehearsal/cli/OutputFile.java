package dev.rehearsal.cli;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Where a command's output goes: stdout (also {@code -o -}), or with {@code -o FILE} a regular file written atomically (a
 * temporary file beside it, synced and moved over it once complete), so a pipeline never picks up half a report after a
 * dropped connection or a full disk.
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

  /** What goes into the output: a download, or lines a command renders. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes what {@code body} writes to {@code file}, or to {@code stdout} when {@code file} is null or {@code -}; the
   * file's size and sha256 come back (null for stdout). A failed write is exit 74; nothing is left behind when
   * {@code body} fails, and the file that was there stays as it was.
   */
  static Written write(String file, PrintStream stdout, Content body) {
    if (file == null || file.equals("-")) {
      toStdout(stdout, body);
      return null;
    }
    Path target = target(file);
    Path temp = target.toAbsolutePath().getParent().resolve("." + target.getFileName() + "." + Long.toUnsignedString(new SecureRandom().nextLong(), 36) + ".part");
    try {
      // Not createTempFile: it forces 0600. A new file gets the umask's mode (as curl -o does); a replaced one keeps its own.
      Files.createFile(temp);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, "cannot write " + file + ": " + reason(e));
    }
    try {
      keepMode(target, temp);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (FileOutputStream fileOut = new FileOutputStream(temp.toFile());
          OutputStream out = new DigestOutputStream(fileOut, sha256)) {
        body.writeTo(out);
        out.flush();
        // On disk before it replaces the old file: a crash must leave the old file or the new one, never an empty one.
        fileOut.getFD().sync();
      }
      moveOver(temp, target);
      return new Written(target, Files.size(target), HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, "cannot write " + file + ": " + reason(e));
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

  /** Each write checked: a PrintStream only remembers a failed write, and a download must stop at the first. */
  private static void toStdout(PrintStream stdout, Content body) {
    try {
      // The command must not close stdout: later lines (and the JVM) still write to it.
      body.writeTo(new FilterOutputStream(stdout) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          stdout.write(bytes, offset, length);
          if (stdout.checkError()) {
            throw new IOException(Terminal.STDOUT_FAILED);
          }
        }

        @Override
        public void close() {
          stdout.flush();
        }
      });
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, Terminal.STDOUT_FAILED);
    }
    if (stdout.checkError()) {
      throw new CliFailure(ExitCode.OUTPUT_FAILED, Terminal.STDOUT_FAILED);
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
    // Renaming over a symlink or a device replaces it (as root, -o /dev/stdout would destroy /dev/stdout).
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliFailure(ExitCode.USAGE, file + " is not a regular file (a symlink, device or pipe): -o replaces regular"
          + " files only; -o - writes to stdout");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CliFailure(ExitCode.USAGE, "cannot write " + file + ": no such directory " + parent);
    }
    return target;
  }

  /** A file replaced keeps its permissions (a 0644 report stays readable to the CI's other users). */
  private static void keepMode(Path target, Path temp) throws IOException {
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
      } catch (UnsupportedOperationException notPosix) {
        // Not a POSIX file system: the new file's default mode will do.
      }
    }
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
