package dev.rehearsal.api.console.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.console.Badge;
import dev.rehearsal.api.console.ConsoleTime;
import dev.rehearsal.api.history.HistoryTimeline;
import dev.rehearsal.api.history.TimelineEntry;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.workflows.rehearsal.Approvals;
import dev.rehearsal.workflows.rehearsal.GateState;
import dev.rehearsal.workflows.rehearsal.RehearsalState;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import dev.rehearsal.workflows.rehearsal.StepState;
import dev.rehearsal.workflows.rehearsal.StepStatus;
import dev.rehearsal.workflows.rehearsal.WaitingFor;
import dev.rehearsal.workflows.steps.EvidenceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Turns a run's state into what its page shows to one reader: the live part, with links only where their roles reach. */
@Component
class RunViews {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A load step's summary is small; a bigger file is not one the page should parse. */
  private static final long MAX_SUMMARY_BYTES = 4L * 1024 * 1024;

  private final RehearsalService rehearsals;
  private final HistoryTimeline history;
  private final EvidenceStore evidence;

  RunViews(RehearsalService rehearsals, HistoryTimeline history, EvidenceStore evidence) {
    this.rehearsals = rehearsals;
    this.history = history;
    this.evidence = evidence;
  }

  RunView of(RehearsalState state, RehearsalUser user) {
    List<RunView.Step> steps = state.steps().stream().map(s -> step(state.id(), s)).toList();
    boolean awaiting = state.status() == RunStatus.AWAITING_APPROVAL;
    List<RunView.Gate> gates = state.gates() == null ? List.of()
        : state.gates().stream().map(g -> gate(g, awaiting)).toList();
    boolean auditor = user.has(Role.AUDITOR);
    return new RunView(state.id(), state.plan(), state.environment(), state.releaseCandidate(), state.initiator(),
        ConsoleTime.at(state.startedAt()), ConsoleTime.at(state.finishedAt()), Badge.of(state.status()),
        Badge.of(state.phase()), Badge.of(state.readiness()), state.readinessEstimate(), state.status().isFinal(),
        waiting(state), steps, gates, charts(state), signoff(state.approvals()), failureDecisions(state),
        cancellation(state), auditor ? history(state.id()) : StateTimeline.of(state),
        auditor ? "the run's history" : "the run's state");
  }

  static String second(Instant at) {
    return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
  }

  private static RunView.Step step(String id, StepState s) {
    String took = s.startedAt() == null ? ""
        : ConsoleTime.duration(Duration.between(s.startedAt(), s.finishedAt() == null ? Instant.now() : s.finishedAt()))
            + (s.finishedAt() == null ? " so far" : "");
    List<RunView.Evidence> kept = s.evidence().stream().map(e -> evidence(id, e)).toList();
    List<RunView.Output> outputs = s.outputs().entrySet().stream()
        .map(o -> new RunView.Output(o.getKey(), o.getValue())).toList();
    String completion = s.completion() == null ? null : s.completion().outcome() + " by " + s.completion().actor()
        + " at " + second(s.completion().at())
        + (s.completion().note() == null || s.completion().note().isBlank() ? "" : ": " + s.completion().note());
    return new RunView.Step(s.name(), s.kind(), s.phase() == null ? "" : s.phase().name(), Badge.of(s.status()),
        s.attempts(), second(s.startedAt()), took, s.summary(), s.status() == StepStatus.RUNNING, kept, outputs,
        completion);
  }

  /** Every signed-in role may download evidence, as through the API: approvers sign over what they can open. */
  private static RunView.Evidence evidence(String id, EvidenceRef e) {
    String href = UriComponentsBuilder.fromPath("/runs/{id}/evidence/{name}").buildAndExpand(id, e.name()).encode()
        .toUriString();
    return new RunView.Evidence(e.name(), size(e.size()), e.size(), e.sha256(), e.truncated(), href);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A gate as shown; {@code awaitingSignoff} says whether its need of a waiver is still news. */
  static RunView.Gate gate(GateState g, boolean awaitingSignoff) {
    String thresholds = g.thresholds() == null ? "" : g.thresholds().entrySet().stream()
        .map(t -> bound(t.getKey()) + " " + (t.getValue() == null ? "none" : LatencyChartView.number(t.getValue())))
        .collect(Collectors.joining(" · "));
    return new RunView.Gate(g.name(), Badge.of(g.verdict()), g.value() == null ? "no samples" : LatencyChartView.number(g.value()),
        thresholds, g.baseline() == null ? "" : LatencyChartView.number(g.baseline()), g.note(),
        awaitingSignoff && g.needsWaiver());
  }

  private static String bound(String key) {
    return switch (key) {
      case "pass" -> "pass ≤";
      case "warn" -> "warn ≤";
      case "passAtLeast" -> "pass ≥";
      case "warnAtLeast" -> "warn ≥";
      default -> key;
    };
  }

  private static String waiting(RehearsalState state) {
    if (state.status() == RunStatus.AWAITING_APPROVAL) {
      Approvals a = state.approvals();
      String open = a == null || a.open() == null || a.open().isEmpty() ? ""
          : ": still open " + a.open().stream().map(r -> r.rule() + " (" + r.needed() + " more)").collect(Collectors.joining(", "));
      return "Waiting for sign-off" + open;
    }
    WaitingFor w = state.waitingFor();
    if (state.status() != RunStatus.RUNNING || w == null) {
      return null;
    }
    return w.kind() == WaitingFor.Kind.MANUAL
        ? "Waiting for " + w.who() + " to complete the manual step " + w.step() + " (since " + ConsoleTime.at(w.since()) + ")"
        : "Waiting for " + w.who() + " to decide on the failed step " + w.step() + " (since " + ConsoleTime.at(w.since()) + ")";
  }

  private static RunView.Signoff signoff(Approvals a) {
    if (a == null) {
      return null;
    }
    List<String> open = a.open() == null ? List.of() : a.open().stream().map(r -> r.rule() + " (" + r.needed() + " more)").toList();
    List<RunView.Approval> decisions = a.decisions().stream().map(d -> new RunView.Approval(d.actor(), Badge.of(d.decision()),
        second(d.at()), d.comment(), d.waivers() == null ? List.of()
            : d.waivers().entrySet().stream().map(w -> w.getKey() + ": " + w.getValue()).toList())).toList();
    List<RunView.Refusal> refused = a.refused().stream()
        .map(r -> new RunView.Refusal(r.actor(), r.decision(), r.reason(), second(r.at()))).toList();
    return new RunView.Signoff(a.required(), a.allowInitiator(), open, decisions, refused);
  }

  private static List<RunView.FailureDecision> failureDecisions(RehearsalState state) {
    if (state.failureDecisions() == null) {
      return List.of();
    }
    return state.failureDecisions().decisions().stream().map(d -> new RunView.FailureDecision(d.step(), d.action().wire(),
        d.timedOut() ? "nobody (timed out)" : d.actor(), d.reason(), second(d.at()))).toList();
  }

  private static String cancellation(RehearsalState state) {
    return state.cancellation() == null ? null : "Cancelled by " + state.cancellation().actor() + " at "
        + second(state.cancellation().at()) + ": " + state.cancellation().reason();
  }

  private List<RunView.TimelineRow> history(String id) {
    return history.of(id, rehearsals.history(id)).stream().map(RunViews::row).toList();
  }

  private static RunView.TimelineRow row(TimelineEntry e) {
    String detail = e.detail() == null ? "" : e.detail().entrySet().stream().filter(d -> d.getValue() != null)
        .map(d -> d.getKey() + ": " + d.getValue()).collect(Collectors.joining(", "));
    return new RunView.TimelineRow(second(e.at()), e.type(), e.actor(), e.step(), detail);
  }

  /** Each load step's latency chart, from the summary of its last attempt. */
  private List<LatencyChartView> charts(RehearsalState state) {
    List<LatencyChartView> charts = new ArrayList<>();
    List<GateState> gates = state.gates() == null ? List.of() : state.gates();
    for (StepState s : state.steps()) {
      if (!"load".equals(s.kind())) {
        continue;
      }
      String name = s.name() + ".a" + s.attempts() + ".summary.json";
      summary(state.id(), s, name).flatMap(json -> LatencyChartView.of(s.name(), json, gates)).ifPresent(charts::add);
    }
    return charts;
  }

  private Optional<JsonNode> summary(String id, StepState step, String name) {
    if (step.evidence().stream().noneMatch(e -> e.name().equals(name))) {
      return Optional.empty();
    }
    return evidence.find(id, name).flatMap(file -> {
      try {
        return Files.size(file) > MAX_SUMMARY_BYTES ? Optional.empty() : Optional.of(JSON.readTree(file.toFile()));
      } catch (IOException unreadable) {
        // No chart rather than no page: the summary stays downloadable as evidence.
        return Optional.empty();
      }
    });
  }
}
