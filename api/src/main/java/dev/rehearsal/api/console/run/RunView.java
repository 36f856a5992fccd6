package dev.rehearsal.api.console.run;

import dev.rehearsal.api.console.Badge;
import java.util.List;

/**
 * The live part of a run's page, everything a watcher sees: refreshed every two seconds until {@code ended}. Texts
 * are ready to show (times, sizes, thresholds); the template only escapes and lays them out.
 */
public record RunView(String id, String plan, String environment, String releaseCandidate, String initiator,
    String startedAt, String finishedAt, Badge status, Badge phase, Badge readiness, String readinessEstimate,
    boolean ended, String waiting, List<Step> steps, List<Gate> gates, List<LatencyChartView> charts, Signoff signoff,
    List<FailureDecision> failureDecisions, String cancellation, List<TimelineRow> timeline, String timelineSource) {

  /** One step: its status and timings, what it said, what it kept and handed on, who completed it (manual steps). */
  public record Step(String name, String kind, String phase, Badge status, int attempts, String startedAt, String took,
      String summary, boolean running, List<Evidence> evidence, List<Output> outputs, String completion) {}

  /** An artifact with its size and sha256; {@code href} is null for a reader whose roles may not download it. */
  public record Evidence(String name, String size, long bytes, String sha256, boolean truncated, String href) {}

  /** A value a step handed on; a secret one shows only the mask the run's state keeps. */
  public record Output(String name, String value) {}

  /** A gate's verdict with its figure, thresholds, baseline and note; {@code needsWaiver} for WARN and INCONCLUSIVE. */
  public record Gate(String name, Badge verdict, String value, String thresholds, String baseline, String note,
      boolean needsWaiver) {}

  /** The sign-off: how many approvals it needs, which rules are still open, the decisions and the refused attempts. */
  public record Signoff(int required, boolean allowInitiator, List<String> open, List<Approval> decisions,
      List<Refusal> refused) {}

  public record Approval(String actor, Badge decision, String at, String comment, List<String> waivers) {}

  public record Refusal(String actor, String attempt, String reason, String at) {}

  public record FailureDecision(String step, String action, String actor, String reason, String at) {}

  /** One thing that happened, oldest first. */
  public record TimelineRow(String at, String type, String actor, String step, String detail) {}
}
