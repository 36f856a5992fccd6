package dev.rehearsal.api.console;

import java.util.Set;

/**
 * A status as the console shows it: the word itself, and a tone ({@code ok}, {@code warn}, {@code bad}, {@code info},
 * {@code idle}) that only adds colour (class {@code badge <tone>} in console.css). For run and step statuses and gate
 * verdicts alike.
 */
public record Badge(String text, String tone) {
  private static final Set<String> OK = Set.of("SUCCEEDED", "PASS");
  private static final Set<String> WARN = Set.of("AWAITING_APPROVAL", "WAITING", "WARN", "INCONCLUSIVE");
  private static final Set<String> BAD = Set.of("FAILED", "REJECTED", "FAIL", "TIMED_OUT");
  private static final Set<String> INFO = Set.of("RUNNING");

  /** The badge for a status or verdict name; an unknown or absent one reads {@code UNKNOWN}. */
  public static Badge of(Object status) {
    String text = status == null ? "UNKNOWN" : status.toString();
    String tone = OK.contains(text) ? "ok" : WARN.contains(text) ? "warn" : BAD.contains(text) ? "bad"
        : INFO.contains(text) ? "info" : "idle";
    return new Badge(text, tone);
  }
}
