package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The command line's exit codes: a pipeline fails or passes its job on them, so the numbers never change (README,
 * "Command line"). 64 and up follow BSD's sysexits.
 */
public enum ExitCode {
  /** Awaiting sign-off with nothing to waive, or SUCCEEDED; also any command that did what it was asked. */
  READY(0),
  /** The server refused a request for another reason (a decision not possible now, a run not found). */
  REFUSED(1),
  /** Awaiting sign-off, but a gate is WARN or INCONCLUSIVE: an approver must write a waiver. */
  NEEDS_WAIVER(2),
  FAILED(3),
  REJECTED(4),
  TIMED_OUT(5),
  CANCELLED(6),
  USAGE(64),
  INVALID_PLAN(65),
  /** The server cannot be reached, fails (5xx), redirects elsewhere, or answers something that is not the API. */
  UNREACHABLE(69),
  /** The output could not be written (stdout or {@code -o FILE}: a full disk, a closed pipe); BSD's EX_IOERR. */
  OUTPUT_FAILED(74),
  NOT_PERMITTED(77);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * What a run's state (as {@code GET /api/v1/rehearsals/{id}} answers it) means for a pipeline; RUNNING is 0. A status
   * this command line does not know (a newer server's) is a refusal, never a pass: a pipeline must not go on blind.
   */
  public static ExitCode of(JsonNode state) {
    String status = state.path("status").asText();
    return switch (status) {
      case "RUNNING", "SUCCEEDED" -> READY;
      case "AWAITING_APPROVAL" -> needsWaiver(state) ? NEEDS_WAIVER : READY;
      case "FAILED" -> FAILED;
      case "REJECTED" -> REJECTED;
      case "TIMED_OUT" -> TIMED_OUT;
      case "CANCELLED" -> CANCELLED;
      default -> throw new CliFailure(REFUSED, "the run's status " + status
          + " is unknown to this command line (a newer server?): upgrade it to know what it means");
    };
  }

  private static boolean needsWaiver(JsonNode state) {
    if (state.path("readiness").asText().equals("WARN")) {
      return true;
    }
    for (JsonNode gate : state.path("gates")) {
      String verdict = gate.path("verdict").asText();
      if (verdict.equals("WARN") || verdict.equals("INCONCLUSIVE")) {
        return true;
      }
    }
    return false;
  }
}
