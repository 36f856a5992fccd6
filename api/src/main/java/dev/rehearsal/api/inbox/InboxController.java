package dev.rehearsal.api.inbox;

import dev.rehearsal.api.security.RehearsalUser;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/inbox}: everything across open runs waiting on the caller, newest first. */
@RestController
public class InboxController {
  private final InboxItems inbox;

  public InboxController(InboxItems inbox) {
    this.inbox = inbox;
  }

  public record Inbox(String user, List<InboxItem> items) {}

  @GetMapping("/api/v1/inbox")
  public Inbox inbox(@AuthenticationPrincipal RehearsalUser user) {
    return new Inbox(user.name(), inbox.of(user));
  }
}
