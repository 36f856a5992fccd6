package dev.rehearsal.api.console.runs;

import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import dev.rehearsal.api.rehearsals.RunPage;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /runs}: every run, newest first, with the REST list's filters and paging ({@link RunFilterParams}, the same
 * query parameters as {@code GET /api/v1/rehearsals}). A filter the list refuses is shown on the page, answered 400.
 */
@Controller
class RunsPage {
  static final int PAGE_SIZE = 25;
  private static final List<String> STATUSES = Arrays.stream(RunStatus.values()).map(Enum::name).toList();
  private final RehearsalService rehearsals;

  RunsPage(RehearsalService rehearsals) {
    this.rehearsals = rehearsals;
  }

  /** {@code limit} as in the API (1 to 200), {@value #PAGE_SIZE} by default. */
  @GetMapping("/runs")
  String runs(@ModelAttribute("filter") RunFilterParams filter, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("filtered", isFiltered(filter));
    model.addAttribute("firstPage", cursor == null || cursor.isBlank() ? null : link(filter, limit, null));
    try {
      RunPage page = rehearsals.list(filter.toFilter(), limit == null ? PAGE_SIZE : limit, cursor);
      model.addAttribute("rows", page.items().stream().map(RunRow::of).toList());
      model.addAttribute("nextPage", page.nextCursor() == null ? null : link(filter, limit, page.nextCursor()));
    } catch (InvalidRequest refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", refused.getMessage());
      model.addAttribute("rows", List.of());
    }
    return "console/runs";
  }

  private static boolean isFiltered(RunFilterParams filter) {
    return values(filter).anyMatch(value -> value != null && !value.isBlank());
  }

  private static Stream<String> values(RunFilterParams f) {
    return Stream.of(f.status(), f.environment(), f.plan(), f.releaseCandidate(), f.initiator(), f.approver(), f.from(), f.to());
  }

  /** This list with the same filters and page size, from {@code cursor} on (from the start when null). */
  private static String link(RunFilterParams f, Integer limit, String cursor) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath("/runs");
    String[] names = {"status", "environment", "plan", "releaseCandidate", "initiator", "approver", "from", "to"};
    List<String> given = values(f).toList();
    for (int i = 0; i < names.length; i++) {
      if (given.get(i) != null && !given.get(i).isBlank()) {
        link.queryParam(names[i], given.get(i));
      }
    }
    if (limit != null) {
      link.queryParam("limit", limit);
    }
    if (cursor != null) {
      link.queryParam("cursor", cursor);
    }
    return link.encode().build().toUriString();
  }
}
