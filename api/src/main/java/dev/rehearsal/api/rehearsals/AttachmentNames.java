package dev.rehearsal.api.rehearsals;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names a completion's attachments are kept under in the run's evidence: {@code <step>.attachment.<n>.<name>}, or,
 * when that name is already held (by a concurrent or an earlier completion of the same step),
 * {@code <step>.attachment.<n>-<submission>.<name>} with a random submission id. The file name is reduced to letters,
 * digits, {@code .}, {@code _} and {@code -} (no {@code ..}), and cut from the front so the whole name stays within
 * what the evidence store accepts, keeping its extension.
 */
final class AttachmentNames {
  /** The evidence store takes names of at most 201 characters. */
  private static final int MAX_TOTAL = 200;
  private static final int MAX_FILE_NAME = 100;

  private AttachmentNames() {}

  static String preferred(String step, int index, String original) {
    return named(step + ".attachment." + index + ".", original);
  }

  static String ofNewSubmission(String step, int index, String original) {
    String submission = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    return named(step + ".attachment." + index + "-" + submission + ".", original);
  }

  private static String named(String prefix, String original) {
    String safe = original.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", ".");
    int room = Math.min(MAX_FILE_NAME, MAX_TOTAL - prefix.length());
    return prefix + (safe.length() > room ? safe.substring(safe.length() - room) : safe);
  }
}
