package dev.rehearsal.api.console.inbox;

import dev.rehearsal.api.console.ConsoleTime;
import dev.rehearsal.api.inbox.InboxItem;
import java.time.Duration;

/** One line of "Waiting for you": the run, what it waits for from the reader, and for how long. */
public record InboxRow(String runId, String runPath, String plan, String environment, String releaseCandidate,
    String awaited, String step, String since, String waited) {

  static InboxRow of(InboxItem item) {
    return new InboxRow(item.runId(), "/runs/" + item.runId(), item.plan(), item.environment(), item.releaseCandidate(),
        awaited(item), item.step() == null ? "" : item.step(), ConsoleTime.at(item.since()),
        ConsoleTime.duration(Duration.ofSeconds(item.waitedSeconds())));
  }

  private static String awaited(InboxItem item) {
    return switch (item.awaited()) {
      case approval -> "Sign-off";
      case manual -> "Manual step";
      case decision -> "Decision on a failed step";
    };
  }
}
