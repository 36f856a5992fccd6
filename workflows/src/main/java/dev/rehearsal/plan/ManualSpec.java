package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code manual} step: a person's judgement (a dashboard reviewed, a backout plan written) recorded like any other
 * step. The run waits, durably, until someone {@code by} names completes it, or until {@code timeout}, when
 * {@code onTimeout} decides: fail the step, or skip it and leave a gate the approvers must waive. Absent keys keep
 * their defaults out of the record, so a plan writes back as it was given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManualSpec(
    String instructions,
    List<String> items,
    By by,
    Requires requires,
    String timeout,
    OnTimeout onTimeout,
    Boolean initiatorMayComplete) implements StepBody {

  public static final String DEFAULT_TIMEOUT = "24h";
  /** The roles a manual step may name; the API's roles, which this module does not depend on. */
  static final Set<String> ROLES = Set.of("ENGINEER", "APPROVER", "AUDITOR");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Who may complete the step: holders of a role, or members of a group (exactly one of the two). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record By(String role, String group) {
    /** As {@code waitingFor.who} says it: the role's name, or {@code group:<name>}. */
    public String who() {
      return role != null ? role : "group:" + group;
    }

    public boolean admits(List<String> roles, List<String> groups) {
      return role != null ? roles.contains(role) : groups.contains(group);
    }
  }

  /** What a completion must carry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Requires(Boolean note, Boolean attachment) {
    public boolean needsNote() {
      return Boolean.TRUE.equals(note);
    }

    public boolean needsAttachment() {
      return Boolean.TRUE.equals(attachment);
    }
  }

  /**
   * What a person's completion hands on to later steps, as {@code ${steps.<step>.outputs.<name>}}: every manual step
   * has these five, without declaring them.
   */
  public enum Output {
    outcome,
    note,
    completedBy,
    completedAt,
    attachments
  }

  /** Written as in plans, like the webhook events. */
  public enum OnTimeout {
    fail,
    skip
  }

  /** Without {@code by}, the engineers running the rehearsal complete the step. */
  @JsonIgnore
  public By byOrDefault() {
    return by == null ? new By("ENGINEER", null) : by;
  }

  @JsonIgnore
  public Requires requiresOrDefault() {
    return requires == null ? new Requires(false, false) : requires;
  }

  @JsonIgnore
  public OnTimeout onTimeoutOrDefault() {
    return onTimeout == null ? OnTimeout.fail : onTimeout;
  }

  /** The initiator may complete manual steps unless the plan says otherwise (approving is another matter). */
  @JsonIgnore
  public boolean initiatorMayCompleteOrDefault() {
    return initiatorMayComplete == null || initiatorMayComplete;
  }

  /** How long the step waits: its own timeout or 24h; the plan's default timeout is for activities, not people. */
  @JsonIgnore
  public Duration waitDuration() {
    return Durations.parse(timeout == null ? DEFAULT_TIMEOUT : timeout);
  }

  /** Waits in the workflow itself (a durable timer, no activity) until someone completes the step or time runs out. */
  @Override
  public StepResult execute(StepRun step) {
    return step.manual().await(step, this);
  }

  /** A {@code manual} step: instructions, a checklist, exactly one of role or group, booleans, a duration. */
  static final class Rules extends StepRules {
    private static final Set<String> KEYS = RecordKeys.of(ManualSpec.class);
    private static final Set<String> BY_KEYS = RecordKeys.of(By.class);
    private static final Set<String> REQUIRES_KEYS = RecordKeys.of(Requires.class);

    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (!checks.requireObject(spec, path)) {
        return;
      }
      checks.unknownKeys(spec, path, KEYS);
      checks.requireText(spec, "instructions", path);
      checks.checkStringList(spec.get("items"), path + ".items");
      checkBy(spec.get("by"), path + ".by");
      JsonNode requires = spec.get("requires");
      if (requires != null && checks.requireObject(requires, path + ".requires")) {
        checks.unknownKeys(requires, path + ".requires", REQUIRES_KEYS);
        checks.checkBoolean(requires.get("note"), path + ".requires.note");
        checks.checkBoolean(requires.get("attachment"), path + ".requires.attachment");
      }
      checks.checkDuration(spec.get("timeout"), path + ".timeout");
      checks.atLeast(spec.get("timeout"), path + ".timeout", Duration.ofSeconds(1));
      JsonNode onTimeout = spec.get("onTimeout");
      if (onTimeout != null && !(onTimeout.isTextual() && Set.of("fail", "skip").contains(onTimeout.asText()))) {
        checks.problem(path + ".onTimeout", "must be 'fail' (the step fails) or 'skip' (a gate to waive at sign-off)");
      }
      checks.checkBoolean(spec.get("initiatorMayComplete"), path + ".initiatorMayComplete");
    }

    private void checkBy(JsonNode by, String path) {
      if (by == null || !checks.requireObject(by, path)) {
        return;
      }
      checks.unknownKeys(by, path, BY_KEYS);
      JsonNode role = by.get("role");
      JsonNode group = by.get("group");
      if ((role == null) == (group == null)) {
        checks.problem(path, "must name exactly one of role or group, e.g. { role: APPROVER } or { group: dba }");
      }
      if (role != null && !(role.isTextual() && ROLES.contains(role.asText()))) {
        checks.problem(path + ".role", "must be one of " + ROLES.stream().sorted().toList());
      }
      if (group != null && !(group.isTextual() && GROUP.matcher(group.asText()).matches())) {
        checks.problem(path + ".group", "must be a group name: letters, digits, '.', '_' or '-', at most 64");
      }
    }
  }
}
