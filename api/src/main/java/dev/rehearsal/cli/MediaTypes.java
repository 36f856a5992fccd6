package dev.rehearsal.cli;

import java.util.Locale;

/** Whether an answer's {@code Content-Type} is what a command asked for: a proxy's sign-in page is not a report. */
final class MediaTypes {
  static final String ANY = "*/*";

  private MediaTypes() {}

  /** The type without its parameters, lower case; {@code none} when the answer had no Content-Type. */
  static String of(String contentType) {
    return contentType == null || contentType.isBlank() ? "none" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  static boolean isJson(String contentType) {
    return accepts("application/json", contentType);
  }

  /** {@code asked} as the Accept header said it; JSON and XML also come with their structured suffixes. */
  static boolean accepts(String asked, String contentType) {
    String got = of(contentType);
    if (asked.equals(ANY) || got.equals(asked)) {
      return true;
    }
    return switch (asked) {
      case "application/json" -> got.endsWith("+json");
      case "application/xml" -> got.equals("text/xml") || got.endsWith("+xml");
      default -> false;
    };
  }
}
