package dev.rehearsal.api.console.run;

import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.rehearsals.EvidenceDownload;
import dev.rehearsal.api.security.RehearsalUser;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /runs/{id}}: a run as it stands, its live part refreshed by console.js from {@code /runs/{id}/live}, and its
 * evidence as downloads. An unknown run is the 404 page ({@code ConsoleErrors}).
 */
@Controller
class RunPage {
  private final RunPageRenderer pages;
  private final EvidenceStore evidence;

  RunPage(RunPageRenderer pages, EvidenceStore evidence) {
    this.pages = pages;
    this.evidence = evidence;
  }

  @GetMapping("/runs/{id}")
  ModelAndView run(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id) {
    return pages.page(id, user, null, null, HttpStatus.OK);
  }

  @GetMapping("/runs/{id}/live")
  ModelAndView live(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id,
      @RequestParam(required = false) String shown) {
    return pages.live(id, user, shown);
  }

  /** The artifact through the API's own download (the API's chain takes bearer tokens only), for every signed-in role. */
  @GetMapping("/runs/{id}/evidence/{name}")
  Object evidence(@PathVariable String id, @PathVariable String name) throws IOException {
    return EvidenceDownload.of(evidence, id, name);
  }
}
