package dev.rehearsal.api.rehearsals;

import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Guided failure: an ENGINEER's decision on a failed step that waits for one. */
@RestController
@RequestMapping("/api/v1/rehearsals")
public class StepDecisionController {
  private final StepDecisions decisions;

  public StepDecisionController(StepDecisions decisions) {
    this.decisions = decisions;
  }

  /** JSON only, like sign-off; open to every user so that a refused attempt is recorded (the service checks the role). */
  @PostMapping(value = "/{id}/steps/{step}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
  public FailureDecisionRecord decide(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id,
      @PathVariable String step, @RequestBody StepDecisionBody body) {
    return decisions.decide(user, id, step, body);
  }
}
