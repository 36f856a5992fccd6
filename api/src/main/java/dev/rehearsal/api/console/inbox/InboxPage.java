package dev.rehearsal.api.console.inbox;

import dev.rehearsal.api.inbox.InboxItems;
import dev.rehearsal.api.security.RehearsalUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}, "Waiting for you": the signed-in user's inbox, the same items {@code GET /api/v1/inbox} answers. */
@Controller
class InboxPage {
  private final InboxItems inbox;

  InboxPage(InboxItems inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/")
  String inbox(@AuthenticationPrincipal RehearsalUser user, Model model) {
    model.addAttribute("rows", inbox.of(user).stream().map(InboxRow::of).toList());
    return "console/inbox";
  }
}
