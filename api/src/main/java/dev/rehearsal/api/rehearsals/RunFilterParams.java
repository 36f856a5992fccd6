package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.InvalidRequest;
import java.util.Arrays;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The list and export filters as query parameters. {@code from} and {@code to} take an ISO instant
 * ({@code 2026-11-01T00:00:00Z}) or a UTC date; a date as {@code to} includes that whole day.
 */
public record RunFilterParams(String status, String environment, String plan, String releaseCandidate, String initiator,
    String approver, String from, String to) {

  public RunFilter toFilter() {
    Instant start = instant("from", from, false);
    Instant end = instant("to", to, true);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new InvalidRequest("from must be before to");
    }
    return new RunFilter(status(status), blankToNull(environment), blankToNull(plan), blankToNull(releaseCandidate),
        blankToNull(initiator), blankToNull(approver), start, end);
  }

  private static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(value.trim());
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (java.time.DateTimeException notADate) {
        throw new InvalidRequest(name + " must be an ISO instant (2026-11-01T00:00:00Z) or a date (2026-11-01), not " + value);
      }
    }
  }

  private static RunStatus status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return RunStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("unknown status " + status, Arrays.stream(RunStatus.values()).map(Enum::name).toList());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
