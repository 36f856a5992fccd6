package dev.rehearsal.workflows.rehearsal;

import dev.rehearsal.workflows.notify.PersonWait;
import java.time.Duration;

/** A wait for a person in words: "2h 30m for approval by APPROVER", "4h for manual step dashboards by group:qa". */
final class WaitText {
  private WaitText() {}

  static String of(PersonWait wait) {
    String what = switch (wait.awaited()) {
      case PersonWaits.APPROVAL -> "approval";
      case "manual" -> "manual step " + wait.step();
      case "decision" -> "a decision on failed step " + wait.step();
      default -> wait.awaited() + (wait.step() == null ? "" : " " + wait.step());
    };
    return duration(Duration.ofSeconds(wait.waitedSeconds())) + " for " + what + " by " + wait.who();
  }

  static String duration(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append("d ");
    }
    if (hours > 0) {
      text.append(hours).append("h ");
    }
    if (minutes > 0 || (text.length() == 0 && d.toSecondsPart() == 0)) {
      text.append(minutes).append("m ");
    }
    // Seconds too: a 70 s wait is "1m 10s", never a rounded "1m" that hides part of the wait.
    if (d.toSecondsPart() > 0) {
      text.append(d.toSecondsPart()).append("s ");
    }
    return text.toString().trim();
  }
}
