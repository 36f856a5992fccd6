package dev.rehearsal.api.console.audit;

import dev.rehearsal.api.rehearsals.RunFilterParams;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The list filters as a query string ({@code ?plan=shop&to=2026-11-30}), so links carry the filter the page shows. */
final class FilterQuery {
  private FilterQuery() {}

  /** The filter's set fields, encoded, with the leading {@code ?}; empty when none is set. */
  static String of(RunFilterParams filter) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("status", filter.status());
    set.put("environment", filter.environment());
    set.put("plan", filter.plan());
    set.put("releaseCandidate", filter.releaseCandidate());
    set.put("initiator", filter.initiator());
    set.put("approver", filter.approver());
    set.put("from", filter.from());
    set.put("to", filter.to());
    String query = set.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().trim(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return query.isEmpty() ? "" : "?" + query;
  }

  /** {@code query} with one more parameter. */
  static String with(String query, String name, String value) {
    return (query.isEmpty() ? "?" : query + "&") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
