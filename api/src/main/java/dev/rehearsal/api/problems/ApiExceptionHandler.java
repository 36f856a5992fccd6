package dev.rehearsal.api.problems;

import dev.rehearsal.api.errors.ArchiveDamaged;
import dev.rehearsal.api.errors.AttachmentTooLarge;
import dev.rehearsal.api.errors.DecisionRefused;
import dev.rehearsal.api.errors.StepNotFound;
import dev.rehearsal.api.errors.EvidenceNotFound;
import dev.rehearsal.api.errors.NotAStarter;
import dev.rehearsal.api.errors.InvalidRequest;
import dev.rehearsal.api.errors.MissingRole;
import dev.rehearsal.api.errors.NoWorkerAnswered;
import dev.rehearsal.api.errors.IdempotencyKeyReused;
import dev.rehearsal.api.errors.NothingToCancel;
import dev.rehearsal.api.errors.RehearsalException;
import dev.rehearsal.api.errors.RunNotFound;
import dev.rehearsal.api.errors.TooManyRefusals;
import dev.rehearsal.api.http.BodyTooLargeException;
import dev.rehearsal.plan.InvalidPlanException;
import dev.rehearsal.workflows.rehearsal.RefusalReason;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json}; never a stack trace to the caller. The one place that gives the
 * services' domain exceptions their HTTP status and title.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final String NOT_FOUND = "Not found";
  private static final String BAD_REQUEST = "Bad request";

  @ExceptionHandler({RunNotFound.class, EvidenceNotFound.class, StepNotFound.class})
  ProblemDetail notFound(RehearsalException e) {
    return problem(HttpStatus.NOT_FOUND, NOT_FOUND, e.getMessage());
  }

  /** A run that vanished from Temporal between two calls of a service. */
  @ExceptionHandler(WorkflowNotFoundException.class)
  ProblemDetail workflowNotFound(WorkflowNotFoundException e) {
    return notFound(new RunNotFound(e.getExecution().getWorkflowId()));
  }

  @ExceptionHandler(InvalidRequest.class)
  ProblemDetail invalidRequest(InvalidRequest e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, BAD_REQUEST, e.getMessage());
    if (!e.allowed().isEmpty()) {
      problem.setProperty("allowed", e.allowed());
    }
    return problem;
  }

  @ExceptionHandler(DecisionRefused.class)
  ProblemDetail decisionRefused(DecisionRefused e) {
    ProblemDetail problem = problem(refusalStatus(e.reason()), "Decision refused", e.getMessage());
    problem.setProperty("reason", e.reason().type());
    return problem;
  }

  /** Who may not decide is forbidden, a malformed decision bad; anything else conflicts with where the run stands. */
  private static HttpStatus refusalStatus(RefusalReason reason) {
    return switch (reason) {
      case NOT_APPROVER, INITIATOR, NO_OPEN_RULE, NOT_PERMITTED, INITIATOR_MAY_NOT_COMPLETE, NOT_ENGINEER -> HttpStatus.FORBIDDEN;
      case INVALID_DECISION, WAIVER_NOT_NEEDED, INCOMPLETE_COMPLETION -> HttpStatus.BAD_REQUEST;
      case NOT_AWAITING_APPROVAL, ALREADY_DECIDED, WAIVER_MISSING, STALE_EVIDENCE, NOT_WAITING, NOT_MANUAL_STEP,
          ALREADY_COMPLETED, NOT_WAITING_FOR_DECISION -> HttpStatus.CONFLICT;
    };
  }

  /** Refused too often on one run lately: told when to try again; nothing of the attempt was recorded. */
  @ExceptionHandler(TooManyRefusals.class)
  ResponseEntity<ProblemDetail> tooManyRefusals(TooManyRefusals e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many refusals", e.getMessage()));
  }

  @ExceptionHandler(AttachmentTooLarge.class)
  ProblemDetail attachmentTooLarge(AttachmentTooLarge e) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, "Attachment too large", e.getMessage());
  }

  /** A multipart body Tomcat could not take apart (too many parts, broken framing): the client's error. */
  @ExceptionHandler(MultipartException.class)
  ProblemDetail brokenMultipart(MultipartException e) {
    return problem(HttpStatus.BAD_REQUEST, BAD_REQUEST, "the multipart body could not be read (too many parts,"
        + " or broken framing); send outcome, note and files as 'attachment' parts");
  }

  @ExceptionHandler({MissingRole.class, NotAStarter.class})
  ProblemDetail forbidden(RehearsalException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler({NothingToCancel.class, IdempotencyKeyReused.class})
  ProblemDetail conflict(RehearsalException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(ArchiveDamaged.class)
  ProblemDetail archiveDamaged(ArchiveDamaged e) {
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Archive damaged", e.getMessage());
  }

  @ExceptionHandler(NoWorkerAnswered.class)
  ProblemDetail noWorkerAnswered(NoWorkerAnswered e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "No worker answered", e.getMessage());
  }

  @ExceptionHandler(InvalidPlanException.class)
  ProblemDetail invalidPlan(InvalidPlanException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid plan",
        e.problems().size() + " problem(s) in the plan; nothing was started");
    problem.setProperty("problems", e.problems());
    return problem;
  }

  /** A chunked body that ran past its limit surfaces here, as the reason the body could not be read; else it is no JSON. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
            "this endpoint reads at most " + tooLarge.limit() + " bytes of request body");
        // Closing the connection spares the server draining the rest of an oversized body.
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").body(problem);
      }
    }
    // Spring's own detail ("Failed to read request") does not say what to send instead.
    return handleExceptionInternal(e, problem(HttpStatus.BAD_REQUEST, BAD_REQUEST,
        "the request body could not be read: send a JSON object as the API documentation shows"), headers, status, request);
  }

  /** The firewall's checks on parameters run lazily, when the endpoint first reads one. */
  @ExceptionHandler(RequestRejectedException.class)
  ProblemDetail rejected(RequestRejectedException e) {
    return problem(HttpStatus.BAD_REQUEST, BAD_REQUEST,
        "the request's parameters or headers are not allowed (control characters)");
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "an unexpected error occurred; the server log has the details");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
