package dev.rehearsal.api.console.audit;

import dev.rehearsal.api.audit.AuditService;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunFilterParams;
import dev.rehearsal.api.rehearsals.RunPage;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /audit} (AUDITOR): the archive check of {@code GET /api/v1/audit/verify}, the CSV and JSON exports with the
 * runs list's filters, and the matching runs, each with its printable report. The same services as the REST API.
 */
@Controller
class AuditPage {
  static final int PAGE_SIZE = 50;
  private final AuditService audit;
  private final RehearsalService rehearsals;

  AuditPage(AuditService audit, RehearsalService rehearsals) {
    this.audit = audit;
    this.rehearsals = rehearsals;
  }

  @GetMapping("/audit")
  ModelAndView audit(RunFilterParams filter, @RequestParam(required = false) String cursor) {
    ModelAndView page = new ModelAndView("console/audit");
    page.addObject("verify", VerifyView.of(audit.verify(Optional.empty())));
    page.addObject("filter", filter);
    page.addObject("statuses", Arrays.stream(RunStatus.values()).map(Enum::name).toList());
    String query = FilterQuery.of(filter);
    try {
      RunPage runs = rehearsals.list(filter.toFilter(), PAGE_SIZE, cursor);
      page.addObject("rows", runs.items().stream().map(AuditRow::of).toList());
      page.addObject("olderPath", runs.nextCursor() == null ? null : "/audit" + FilterQuery.with(query, "cursor", runs.nextCursor()));
      page.addObject("exportCsv", "/audit/export.csv" + query);
      page.addObject("exportJson", "/audit/export.json" + query);
    } catch (InvalidRequest badFilter) {
      // The filter is shown again with what is wrong with it; no runs and no export links until it reads.
      page.setStatus(HttpStatus.BAD_REQUEST);
      page.addObject("filterProblem", badFilter.getMessage());
      page.addObject("rows", List.of());
    }
    return page;
  }
}
