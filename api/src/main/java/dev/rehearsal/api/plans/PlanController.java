package dev.rehearsal.api.plans;

import dev.rehearsal.api.security.RehearsalUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a plan without starting anything (the same checks that guard {@code POST /rehearsals}, and whether the caller
 * may start runs for its environment), and publishes the plan schema editors use for completion.
 */
@RestController
@RequestMapping("/api/v1/plans")
public class PlanController {
  private final PlanValidation validation;
  private final PlanSchema schema;

  public PlanController(PlanValidation validation, PlanSchema schema) {
    this.validation = validation;
    this.schema = schema;
  }

  @GetMapping(value = "/schema", produces = {"application/schema+json", "application/json"})
  public byte[] schema() {
    return schema.json();
  }

  @PostMapping(value = "/validate", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
  public PlanValidation.Validation validate(@RequestBody String body, @AuthenticationPrincipal RehearsalUser caller) {
    return validation.validate(body, caller);
  }
}
