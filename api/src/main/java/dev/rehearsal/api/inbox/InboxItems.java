package dev.rehearsal.api.inbox;

import dev.rehearsal.activities.notify.RunLinks;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.security.RehearsalUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Everything across open runs waiting on a user, newest first: what {@code GET /api/v1/inbox} answers and the console's
 * "Waiting for you" shows. Read from the list's current view of open runs (refreshed in the background, and at once
 * by a read or a decision), so that an inbox costs no query per open run.
 */
@Service
public class InboxItems {
  private final RehearsalService rehearsals;
  private final WaitEligibility eligibility;
  private final RunLinks links;
  private final Clock clock = Clock.systemUTC();

  public InboxItems(RehearsalService rehearsals, WaitEligibility eligibility, RunLinks links) {
    this.rehearsals = rehearsals;
    this.eligibility = eligibility;
    this.links = links;
  }

  public List<InboxItem> of(RehearsalUser user) {
    Instant now = clock.instant();
    return rehearsals.openWaits().stream()
        .filter(wait -> eligibility.mayAct(user, wait))
        .sorted(Comparator.comparing(OpenWait::since, Comparator.nullsLast(Comparator.reverseOrder())))
        .map(wait -> new InboxItem(wait.runId(), wait.plan(), wait.environment(), wait.releaseCandidate(), wait.awaited(),
            wait.step(), wait.who(), wait.since(), wait.since() == null ? 0 : Duration.between(wait.since(), now).toSeconds(),
            links.runOrPath(wait.runId()), wait.open()))
        .toList();
  }
}
