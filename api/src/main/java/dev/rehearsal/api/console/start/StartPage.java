package dev.rehearsal.api.console.start;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.api.errors.NotAStarter;
import dev.rehearsal.api.http.RequestLimits;
import dev.rehearsal.api.plans.PlanValidation;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * {@code /start} (ENGINEER, see ConsoleSecurityConfiguration): paste or upload a plan, Validate it with the checks of
 * {@code POST /api/v1/plans/validate}, or Start it through the same service as {@code POST /api/v1/rehearsals}, with
 * the signed-in user as initiator. A started run is shown at {@code /runs/{id}} (303); a refusal is shown on this page
 * with the API's status (400 invalid, 403 not a starter, 413 too large), and nothing is started.
 */
@Controller
@RequestMapping("/start")
class StartPage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PlanValidation validation;
  private final RehearsalService rehearsals;
  private final long planLimit;

  StartPage(PlanValidation validation, RehearsalService rehearsals, RequestLimits limits) {
    this.validation = validation;
    this.rehearsals = rehearsals;
    this.planLimit = limits.plan().toBytes();
  }

  @GetMapping
  ModelAndView form() {
    return page(HttpStatus.OK, StartForm.empty(), StartOutcome.NONE);
  }

  /** Both buttons post here; {@code action} is the pressed one's value (Validate comes first, so Enter validates). */
  @PostMapping
  ModelAndView submit(@AuthenticationPrincipal RehearsalUser user, StartForm sent,
      @RequestParam(required = false) MultipartFile planFile, @RequestParam(defaultValue = "validate") String action) {
    boolean start = action.equals("start");
    Optional<PlanProblem> tooLarge = SubmittedPlan.tooLarge(sent.plan(), planFile, planLimit);
    if (tooLarge.isPresent()) {
      return page(HttpStatus.CONTENT_TOO_LARGE, sent, StartOutcome.refused(start, List.of(tooLarge.get())));
    }
    StartForm form = sent.withPlan(SubmittedPlan.text(sent.plan(), planFile));
    ParameterLines parameters = ParameterLines.parse(form.parameters());
    try {
      if (!start) {
        StartOutcome valid = StartOutcome.valid(validation.validate(form.plan(), user));
        return parameters.problems().isEmpty() ? page(HttpStatus.OK, form, valid)
            : page(HttpStatus.BAD_REQUEST, form, StartOutcome.refused(false, parameters.problems()));
      }
      if (!parameters.problems().isEmpty()) {
        return page(HttpStatus.BAD_REQUEST, form, StartOutcome.refused(true, parameters.problems()));
      }
      String id = rehearsals.start(user, startRequest(form, parameters.values()), form.idempotencyKey()).id();
      RedirectView run = new RedirectView("/runs/" + id, true);
      run.setStatusCode(HttpStatus.SEE_OTHER);
      return new ModelAndView(run);
    } catch (InvalidPlanException invalid) {
      List<PlanProblem> problems = new ArrayList<>(invalid.problems());
      problems.addAll(parameters.problems());
      return page(HttpStatus.BAD_REQUEST, form, StartOutcome.refused(start, problems));
    } catch (NotAStarter refused) {
      return page(HttpStatus.FORBIDDEN, form, StartOutcome.refused(start, List.of(new PlanProblem("environment", refused.getMessage()))));
    }
  }

  /** The body {@code POST /api/v1/rehearsals} takes, with the plan as YAML text, so the same parser reads it. */
  private static String startRequest(StartForm form, Map<String, String> parameters) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plan", form.plan());
    body.put("releaseCandidate", form.releaseCandidate());
    body.put("parameters", parameters);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ModelAndView page(HttpStatus status, StartForm form, StartOutcome outcome) {
    ModelAndView page = new ModelAndView("console/start", status);
    page.addObject("form", form);
    page.addObject("outcome", outcome);
    return page;
  }
}
