package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** A validated rehearsal plan. Built only by {@link PlanParser} after {@link PlanValidator} found no problem. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(
    String apiVersion,
    String name,
    String environment,
    Guard guard,
    Map<String, TargetSpec> targets,
    Defaults defaults,
    ReadinessSpec readiness,
    @com.fasterxml.jackson.annotation.JsonProperty("notify") NotifySpec notifications,
    Phases phases,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) OnFailure onFailure,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String failureDecisionTimeout,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) OnDecisionTimeout onDecisionTimeout) {

  public Plan {
    guard = guard == null ? Guard.DEFAULT : guard;
    readiness = readiness == null ? ReadinessSpec.DEFAULT : readiness.orDefaults();
    notifications = notifications == null ? NotifySpec.NONE : notifications;
    targets = targets == null ? Map.of() : Map.copyOf(targets);
    defaults = defaults == null ? Defaults.NONE : defaults;
  }

  public List<StepSpec> steps(Phase phase) {
    return phases.steps(phase);
  }

  /** This plan, also telling {@code more} webhooks (those configured for every run) about the run. */
  public Plan withWebhooks(List<NotifySpec.Webhook> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<NotifySpec.Webhook> all = new java.util.ArrayList<>(notifications.webhooks());
    all.addAll(more);
    return new Plan(apiVersion, name, environment, guard, targets, defaults, readiness, new NotifySpec(all), phases,
        onFailure, failureDecisionTimeout, onDecisionTimeout);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Guard(List<String> production) {
    public static final Guard DEFAULT = new Guard(List.of("prod", "production"));

    public Guard {
      production = production == null ? DEFAULT.production() : List.copyOf(production);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Defaults(RetrySpec retry, String timeout, String heartbeatTimeout) {
    public static final Defaults NONE = new Defaults(null, null, null);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Phases(
      List<StepSpec> preflight,
      List<StepSpec> snapshot,
      List<StepSpec> restore,
      List<StepSpec> migrate,
      List<StepSpec> deploy,
      List<StepSpec> smoke,
      List<StepSpec> load,
      List<StepSpec> rollback,
      SignoffSpec signoff) {

    public List<StepSpec> steps(Phase phase) {
      List<StepSpec> steps =
          switch (phase) {
            case PREFLIGHT -> preflight;
            case SNAPSHOT -> snapshot;
            case RESTORE -> restore;
            case MIGRATE -> migrate;
            case DEPLOY -> deploy;
            case SMOKE -> smoke;
            case LOAD -> load;
            case ROLLBACK -> rollback;
            case SIGNOFF -> null;
          };
      return steps == null ? List.of() : steps;
    }
  }
}
