package dev.rehearsal.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.steps.StepResult;
import dev.rehearsal.workflows.steps.StepRun;
import java.util.Optional;

/** A {@code rerun} step: the name of an earlier phase whose steps run again; written as just that name. */
public record RerunSpec(@JsonValue String phase) implements StepBody {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public RerunSpec {}

  @Override
  public String timeout() {
    return null;
  }

  /** Planning copies a rerun's source steps in its place, so no rerun ever runs itself. */
  @Override
  public StepResult execute(StepRun step) {
    throw new IllegalStateException("step " + step.name() + ": a rerun runs as copies of its phase's steps");
  }

  static final class Rules extends StepRules {
    Rules(JsonChecks checks, PlanCrossChecks cross) {
      super(checks, cross);
    }

    @Override
    void check(JsonNode spec, String path, StepSite site) {
      if (!spec.isTextual()) {
        checks.problem(path, "must name an earlier phase, e.g. 'rerun: smoke'");
        return;
      }
      Optional<Phase> target = Phase.fromKey(spec.asText());
      if (target.isEmpty() || target.get() == Phase.SIGNOFF) {
        checks.problem(path, "'" + spec.asText() + "' is not a phase with steps; phases are " + Phase.keys());
        return;
      }
      cross.checkRerunOrder(target.get(), path, site.phase(), site.phases());
    }
  }
}
