package dev.rehearsal.cli;

/**
 * Text from a run (a step's summary, a gate's note, a cancellation's reason) made fit for one line of a job log or a
 * terminal: line breaks and tabs become spaces, and any other control character (ESC, which would recolour or
 * rewrite the terminal, BEL, C1 controls) is shown escaped ({@code \x1b}), never passed through.
 */
final class LogText {
  private LogText() {}

  static String oneLine(String text) {
    String spaced = text.replaceAll("\\s*\\R\\s*", " ").replace('\t', ' ');
    StringBuilder line = new StringBuilder(spaced.length());
    spaced.codePoints().forEach(c -> {
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        line.append(String.format("\\x%02x", c));
      } else {
        line.appendCodePoint(c);
      }
    });
    return line.toString();
  }
}
