package dev.rehearsal.api.console.run;

import dev.rehearsal.api.console.ConsoleErrors;
import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.RehearsalException;
import dev.rehearsal.api.rehearsals.ApprovalBody;
import dev.rehearsal.api.rehearsals.ManualCompletions;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunDecisions;
import dev.rehearsal.api.rehearsals.StepDecisionBody;
import dev.rehearsal.api.rehearsals.StepDecisions;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.workflows.rehearsal.ApprovalResult;
import dev.rehearsal.workflows.rehearsal.Decision;
import dev.rehearsal.workflows.rehearsal.FailureDecisionRecord;
import dev.rehearsal.workflows.rehearsal.ManualCompletionRecord;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The forms of a run's page: sign-off, a manual step's completion, a decision on a failed step. Each calls the service
 * the REST API calls, as the signed-in user; a refusal is shown on the run's page with the status the API would
 * answer, and what the reader typed is kept. Accepted, the page is loaded afresh (post, redirect, get).
 */
@Controller
class RunActions {
  private final RunDecisions signoffs;
  private final ManualCompletions completions;
  private final StepDecisions failures;
  private final RehearsalService rehearsals;
  private final RunPageRenderer pages;
  private final ConsoleErrors errors;

  RunActions(RunDecisions signoffs, ManualCompletions completions, StepDecisions failures, RehearsalService rehearsals,
      RunPageRenderer pages, ConsoleErrors errors) {
    this.signoffs = signoffs;
    this.completions = completions;
    this.failures = failures;
    this.rehearsals = rehearsals;
    this.pages = pages;
    this.errors = errors;
  }

  /**
   * Approve or reject: {@code decision} (the button), {@code comment}, {@code gate}/{@code waiver} pairs, and the
   * {@code evidenceDigest} and {@code shownEvidence} the page showed. Blank waivers are left out, so the run itself
   * says which gates still lack one.
   */
  @PostMapping("/runs/{id}/signoff")
  ModelAndView signoff(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id,
      @RequestParam MultiValueMap<String, String> form, WebRequest request, RedirectAttributes redirect) throws Exception {
    String comment = form.getFirst("comment");
    Map<String, String> typed = waivers(form);
    Map<String, String> waivers = new LinkedHashMap<>();
    typed.forEach((gate, reason) -> {
      if (!reason.isBlank()) {
        waivers.put(gate, reason);
      }
    });
    String digest = form.getFirst("evidenceDigest");
    FormDraft draft = new FormDraft(comment, typed);
    try {
      ApprovalResult result = signoffs.decide(user, id, new ApprovalBody(form.getFirst("decision"), comment, waivers,
          digest == null || digest.isBlank() ? null : digest));
      boolean approved = Decision.APPROVE.name().equalsIgnoreCase(form.getFirst("decision"));
      redirect.addFlashAttribute("notice", Notice.ok("You " + (approved ? "approved" : "rejected") + " this run. It is "
          + result.status() + " (" + result.approvals() + " of " + result.required() + " approvals)."));
      return back(id);
    } catch (DecisionRefused refusal) {
      if (refusal.reason() != RefusalReason.STALE_EVIDENCE) {
        return refused(refusal, id, user, draft, request);
      }
      List<String> changes = EvidenceChanges.between(form.get("shownEvidence"), rehearsals.state(id));
      return pages.page(id, user, Notice.error("The evidence changed since you opened this page. Nothing was approved:"
          + " review the run as it is now and decide again.", changes.isEmpty()
              ? List.of("No artifact changed; a step's outcome, an output or a gate's figures did.") : changes),
          draft, HttpStatus.CONFLICT);
    } catch (RehearsalException refused) {
      return refused(refused, id, user, draft, request);
    }
  }

  /** Multipart: {@code outcome}, {@code note} and files as {@code attachment}, as the REST completion takes them. */
  @PostMapping(value = "/runs/{id}/steps/{step}/complete", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ModelAndView complete(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id, @PathVariable String step,
      MultipartHttpServletRequest body, WebRequest request, RedirectAttributes redirect) throws Exception {
    Map<String, String[]> parameters = new HashMap<>(body.getParameterMap());
    parameters.remove("_csrf");
    MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();
    // A file input left empty still sends a part, with no name and no bytes: that is no attachment.
    body.getMultiFileMap().forEach((part, sent) -> sent.stream()
        .filter(file -> !(file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())))
        .forEach(file -> files.add(part, file)));
    try {
      ManualCompletionRecord done = completions.complete(user, id, step, parameters, files);
      redirect.addFlashAttribute("notice", Notice.ok("You completed the manual step " + step + " ("
          + done.outcome() + ", " + done.attachments().size() + " attachment(s))."));
      return back(id);
    } catch (RehearsalException refused) {
      String[] note = parameters.get("note");
      return refused(refused, id, user, new FormDraft(note == null || note.length == 0 ? "" : note[0], Map.of()), request);
    }
  }

  /** {@code action} (the button: retry, skip, rollback, abort) and {@code reason}. */
  @PostMapping("/runs/{id}/steps/{step}/decision")
  ModelAndView decide(@AuthenticationPrincipal RehearsalUser user, @PathVariable String id, @PathVariable String step,
      @RequestParam(required = false) String action, @RequestParam(required = false) String reason, WebRequest request,
      RedirectAttributes redirect) throws Exception {
    try {
      FailureDecisionRecord taken = failures.decide(user, id, step, new StepDecisionBody(action, reason));
      redirect.addFlashAttribute("notice", Notice.ok("You decided to " + taken.action().wire() + " the step " + step + "."));
      return back(id);
    } catch (RehearsalException refused) {
      return refused(refused, id, user, new FormDraft(reason, Map.of()), request);
    }
  }

  /** The run's page again, saying why the run refused, with the status the API answers for the same refusal. */
  private ModelAndView refused(RehearsalException e, String id, RehearsalUser user, FormDraft draft, WebRequest request)
      throws Exception {
    ProblemDetail problem = errors.problem(e, request);
    return pages.page(id, user, Notice.error(problem.getTitle() + ": " + problem.getDetail(), List.of()), draft,
        HttpStatus.valueOf(problem.getStatus()));
  }

  /** Gate names and their waivers, paired by position ({@code gate} and {@code waiver} come in the same order). */
  private static Map<String, String> waivers(MultiValueMap<String, String> form) {
    List<String> gates = form.getOrDefault("gate", List.of());
    List<String> texts = form.getOrDefault("waiver", List.of());
    Map<String, String> waivers = new LinkedHashMap<>();
    for (int i = 0; i < gates.size() && i < texts.size(); i++) {
      waivers.put(gates.get(i), texts.get(i) == null ? "" : texts.get(i));
    }
    return waivers;
  }

  private static ModelAndView back(String id) {
    return new ModelAndView("redirect:" + UriComponentsBuilder.fromPath("/runs/{id}").buildAndExpand(id).encode().toUriString());
  }
}
