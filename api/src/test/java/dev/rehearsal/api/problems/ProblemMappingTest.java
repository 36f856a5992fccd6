package dev.rehearsal.api.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.rehearsal.activities.archive.Archive;
import dev.rehearsal.activities.evidence.EvidenceStore;
import dev.rehearsal.api.audit.AuditController;
import dev.rehearsal.api.audit.AuditService;
import dev.rehearsal.api.errors.ArchiveDamaged;
import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.errors.MissingRole;
import dev.rehearsal.api.errors.NoWorkerAnswered;
import dev.rehearsal.api.errors.NothingToCancel;
import dev.rehearsal.api.errors.RehearsalException;
import dev.rehearsal.api.errors.RunNotFound;
import dev.rehearsal.api.errors.TooManyRefusals;
import dev.rehearsal.api.history.HistoryTimeline;
import dev.rehearsal.api.rehearsals.ManualCompletions;
import dev.rehearsal.api.rehearsals.RehearsalController;
import dev.rehearsal.api.rehearsals.RehearsalService;
import dev.rehearsal.api.rehearsals.RunDecisions;
import dev.rehearsal.api.security.RehearsalUser;
import dev.rehearsal.api.security.Role;
import dev.rehearsal.api.security.SecurityConfiguration;
import dev.rehearsal.api.security.TokenRegistry;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.plan.PlanProblem;
import dev.rehearsal.worker.RehearsalProperties;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import dev.rehearsal.workflows.rehearsal.RehearsalWorkflow;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The web layer alone: the real controllers, {@link ApiExceptionHandler} and security configuration, with the services
 * mocked to throw each domain exception. Pins what every refusal looks like on the wire (status, problem+json, title,
 * detail, reason) without a Temporal server; the end-to-end tests show the services throw them when they should.
 */
// Without Boot's in-memory user, as the application itself: callers authenticate by bearer token only.
@WebMvcTest(controllers = {RehearsalController.class, AuditController.class},
    excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({SecurityConfiguration.class, AuditService.class})
class ProblemMappingTest {
  private static final String RUN = "/api/v1/rehearsals/rh-1";
  private static final String APPROVE = "{\"decision\": \"APPROVE\", \"comment\": \"ok\"}";
  /** The status each refusal reason answers with: part of the API contract. */
  private static final Map<RefusalReason, Integer> REFUSAL_STATUS = new EnumMap<>(Map.ofEntries(
      Map.entry(RefusalReason.NOT_AWAITING_APPROVAL, 409),
      Map.entry(RefusalReason.NOT_APPROVER, 403),
      Map.entry(RefusalReason.INITIATOR, 403),
      Map.entry(RefusalReason.ALREADY_DECIDED, 409),
      Map.entry(RefusalReason.WAIVER_MISSING, 409),
      Map.entry(RefusalReason.WAIVER_NOT_NEEDED, 400),
      Map.entry(RefusalReason.INVALID_DECISION, 400),
      Map.entry(RefusalReason.STALE_EVIDENCE, 409),
      Map.entry(RefusalReason.NO_OPEN_RULE, 403),
      Map.entry(RefusalReason.NOT_WAITING, 409),
      Map.entry(RefusalReason.NOT_MANUAL_STEP, 409),
      Map.entry(RefusalReason.ALREADY_COMPLETED, 409),
      Map.entry(RefusalReason.NOT_PERMITTED, 403),
      Map.entry(RefusalReason.INITIATOR_MAY_NOT_COMPLETE, 403),
      Map.entry(RefusalReason.INCOMPLETE_COMPLETION, 400),
      Map.entry(RefusalReason.NOT_ENGINEER, 403),
      Map.entry(RefusalReason.NOT_WAITING_FOR_DECISION, 409)));

  @Autowired MockMvc mvc;
  @MockitoBean TokenRegistry tokens;
  @MockitoBean RehearsalService rehearsals;
  @MockitoBean RunDecisions decisions;
  @MockitoBean ManualCompletions completions;
  @MockitoBean HistoryTimeline timeline;
  @MockitoBean EvidenceStore evidence;
  @MockitoBean Archive archive;
  @MockitoBean RehearsalProperties properties;

  @BeforeEach
  void users() {
    when(tokens.find(anyString())).thenReturn(Optional.empty());
    when(tokens.find("engineer")).thenReturn(Optional.of(new RehearsalUser("erin", List.of(Role.ENGINEER))));
    when(tokens.find("approver")).thenReturn(Optional.of(new RehearsalUser("bob", List.of(Role.APPROVER))));
    when(tokens.find("auditor")).thenReturn(Optional.of(new RehearsalUser("ada", List.of(Role.AUDITOR))));
  }

  @Test
  void anUnknownRunIsNotFound() throws Exception {
    when(rehearsals.state("rh-1")).thenThrow(new RunNotFound("rh-1"));
    problem(mvc.perform(get(RUN).header("Authorization", "Bearer engineer")), 404, "Not found", "no rehearsal rh-1");
  }

  @Test
  void aRunGoneFromTemporalMeanwhileIsNotFound() throws Exception {
    when(rehearsals.state("rh-1")).thenThrow(new WorkflowNotFoundException(
        WorkflowExecution.newBuilder().setWorkflowId("rh-1").build(), RehearsalWorkflow.TYPE, null));
    problem(mvc.perform(get(RUN).header("Authorization", "Bearer engineer")), 404, "Not found", "no rehearsal rh-1");
  }

  @Test
  void missingEvidenceIsNotFound() throws Exception {
    when(evidence.find("rh-1", "smoke.log")).thenReturn(Optional.empty());
    problem(mvc.perform(get(RUN + "/evidence/smoke.log").header("Authorization", "Bearer auditor")), 404, "Not found",
        "no evidence smoke.log in rehearsal rh-1");
  }

  @Test
  void aDamagedArchiveIsAServerErrorThatSaysWhereToLook() throws Exception {
    when(rehearsals.state("rh-1")).thenThrow(new ArchiveDamaged("rh-1", new UncheckedIOException(new IOException("bad"))));
    problem(mvc.perform(get(RUN).header("Authorization", "Bearer engineer")), 500, "Archive damaged",
        "the archived state of rh-1 cannot be read; GET /api/v1/audit/verify says what changed")
        .andExpect(content().string(not(containsString("UncheckedIOException"))));
  }

  @Test
  void anOpenRunNoWorkerAnswersForIsUnavailable() throws Exception {
    when(rehearsals.state("rh-1")).thenThrow(new NoWorkerAnswered(new IllegalStateException("query timed out")));
    problem(mvc.perform(get(RUN).header("Authorization", "Bearer engineer")), 503, "No worker answered",
        "the run is open but no worker answered its state query; is a Rehearsal worker running?");
  }

  @ParameterizedTest
  @EnumSource(RefusalReason.class)
  void aRefusedDecisionAnswersItsReasonsStatusAndNamesTheReason(RefusalReason reason) throws Exception {
    when(decisions.decide(any(), eq("rh-1"), any())).thenThrow(new DecisionRefused(reason, "refused because " + reason));
    problem(approve("approver"), REFUSAL_STATUS.get(reason), "Decision refused", "refused because " + reason)
        .andExpect(jsonPath("$.reason").value(reason.type()));
  }

  @Test
  void aDecisionOnAClosedRunConflictsAsNotAwaitingApproval() throws Exception {
    when(decisions.decide(any(), eq("rh-1"), any())).thenThrow(DecisionRefused.runClosed());
    problem(approve("approver"), 409, "Decision refused", "the run is closed; it no longer takes decisions")
        .andExpect(jsonPath("$.reason").value("NotAwaitingApproval"));
  }

  @Test
  void signingOffWithoutTheApproverRoleIsForbiddenWithoutAReason() throws Exception {
    when(decisions.decide(any(), eq("rh-1"), any())).thenThrow(new MissingRole("signing off", Role.APPROVER));
    problem(approve("engineer"), 403, "Forbidden", "signing off needs the APPROVER role")
        .andExpect(jsonPath("$.reason").doesNotExist());
  }

  @Test
  void aCallerRefusedTooOftenIsToldWhenToTryAgain() throws Exception {
    when(decisions.decide(any(), eq("rh-1"), any())).thenThrow(new TooManyRefusals(30, 42));
    problem(approve("approver"), 429, "Too many refusals",
        "you were refused 30 times on this run within a minute; try again in 42 s (nothing of this attempt was recorded)")
        .andExpect(header().string("Retry-After", "42"));
  }

  @Test
  void cancellingAnEndedRunConflicts() throws Exception {
    when(decisions.cancel(any(), eq("rh-1"), isNull())).thenThrow(new NothingToCancel(RunStatus.SUCCEEDED));
    problem(mvc.perform(post(RUN + "/cancel").header("Authorization", "Bearer engineer")
        .contentType(MediaType.APPLICATION_JSON).content("{}")), 409, "Conflict",
        "the run has already ended SUCCEEDED; there is nothing to cancel");
  }

  @Test
  void aBadRequestNamesWhatToCorrect() throws Exception {
    when(decisions.decide(any(), eq("rh-1"), any())).thenThrow(new InvalidRequest("decision must be APPROVE or REJECT"));
    problem(approve("approver"), 400, "Bad request", "decision must be APPROVE or REJECT")
        .andExpect(jsonPath("$.allowed").doesNotExist());
  }

  @Test
  void anUnknownStatusFilterListsTheAllowedOnes() throws Exception {
    problem(mvc.perform(get("/api/v1/rehearsals").param("status", "DONE").header("Authorization", "Bearer engineer")),
        400, "Bad request", "unknown status DONE")
        .andExpect(jsonPath("$.allowed").value(contains(Arrays.stream(RunStatus.values()).map(Enum::name).toArray())));
  }

  @Test
  void anAuditExportInAnUnknownFormatIsABadRequest() throws Exception {
    problem(mvc.perform(get("/api/v1/audit/export").param("format", "xml").header("Authorization", "Bearer auditor")),
        400, "Bad request", "format must be json or csv");
  }

  @Test
  void anInvalidPlanListsEveryProblemWithItsPath() throws Exception {
    when(rehearsals.start(any(), anyString(), isNull())).thenThrow(new InvalidPlanException(List.of(
        new PlanProblem("name", "is required"), new PlanProblem("phases.smoke[0].kind", "unknown step kind 'comand'"))));
    problem(mvc.perform(post("/api/v1/rehearsals").header("Authorization", "Bearer engineer")
        .contentType(MediaType.APPLICATION_JSON).content("{}")), 400, "Invalid plan",
        "2 problem(s) in the plan; nothing was started")
        .andExpect(jsonPath("$.problems[1].path").value("phases.smoke[0].kind"))
        .andExpect(jsonPath("$.problems[1].message").value("unknown step kind 'comand'"));
  }

  @Test
  void anythingElseIsAnInternalErrorWithoutItsStackTrace() throws Exception {
    when(rehearsals.state("rh-1")).thenThrow(new IllegalStateException("secret internals"));
    problem(mvc.perform(get(RUN).header("Authorization", "Bearer engineer")), 500, "Internal error",
        "an unexpected error occurred; the server log has the details")
        .andExpect(content().string(not(containsString("secret internals"))));
  }

  @Test
  void theSecurityConfigurationStillGuardsTheSlice() throws Exception {
    problem(mvc.perform(get(RUN)), 401, "Authentication required", "send Authorization: Bearer <token> with a known token");
    problem(mvc.perform(post(RUN + "/cancel").header("Authorization", "Bearer auditor")
        .contentType(MediaType.APPLICATION_JSON).content("{}")), 403, "Forbidden", "your roles do not allow POST " + RUN + "/cancel");
  }

  /** A domain exception without its own handler would fall through to the catch-all and answer 500. */
  @Test
  void everyDomainExceptionHasItsOwnHandler() {
    Set<Class<?>> handled = Arrays.stream(ApiExceptionHandler.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(ExceptionHandler.class))
        .map(m -> m.getAnnotation(ExceptionHandler.class).value())
        .flatMap(Arrays::stream)
        .collect(Collectors.toSet());
    assertThat(handled).containsAll(List.of(RehearsalException.class.getPermittedSubclasses()));
    assertThat(REFUSAL_STATUS).containsOnlyKeys(RefusalReason.values());
  }

  private ResultActions approve(String token) throws Exception {
    return mvc.perform(post(RUN + "/approvals").header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON).content(APPROVE));
  }

  private static ResultActions problem(ResultActions answer, int status, String title, String detail) throws Exception {
    return answer.andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.title").value(title))
        .andExpect(jsonPath("$.detail").value(detail));
  }
}
