package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.errors.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Filters and pages the index, each run as it currently stands ({@code current}, by id; null: left out). The cursor
 * is the id of the last run on the previous page, so new runs never shift a page.
 */
final class RunPaging {
  static final int MAX_LIMIT = 200;

  private RunPaging() {}

  static RunPage page(List<RunSummary> newestFirst, Function<String, RunSummary> current, RunFilter filter, int limit, String cursor) {
    checkLimit(limit);
    int start = 0;
    if (cursor != null && !cursor.isBlank()) {
      String after = decode(cursor);
      start = indexOf(newestFirst, after) + 1;
    }
    List<RunSummary> items = new ArrayList<>();
    String next = null;
    for (int i = start; i < newestFirst.size(); i++) {
      RunSummary now = current.apply(newestFirst.get(i).id());
      if (now == null || !filter.matches(now)) {
        continue;
      }
      if (items.size() == limit) {
        next = encode(items.get(items.size() - 1).id());
        break;
      }
      items.add(now);
    }
    return new RunPage(items, next);
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequest("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** Every run that matches, newest first (for exports). */
  static List<RunSummary> all(List<RunSummary> newestFirst, Function<String, RunSummary> current, RunFilter filter) {
    return newestFirst.stream().map(run -> current.apply(run.id())).filter(run -> run != null && filter.matches(run)).toList();
  }

  private static int indexOf(List<RunSummary> runs, String id) {
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new InvalidRequest("unknown cursor");
  }

  private static String encode(String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequest("malformed cursor");
    }
  }
}
