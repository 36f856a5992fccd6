package dev.rehearsal.api.problems;

import dev.rehearsal.api.http.BodyTooLargeException;
import dev.rehearsal.plan.InvalidPlanException;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as {@code application/problem+json}; never a stack trace to the caller. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(e.title());
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  @ExceptionHandler(InvalidPlanException.class)
  ProblemDetail invalidPlan(InvalidPlanException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        e.problems().size() + " problem(s) in the plan; nothing was started");
    problem.setTitle("Invalid plan");
    problem.setProperty("problems", e.problems());
    return problem;
  }

  @ExceptionHandler(WorkflowNotFoundException.class)
  ProblemDetail notFound(WorkflowNotFoundException e) {
    return api(ApiException.notFound("no rehearsal " + e.getExecution().getWorkflowId()));
  }

  /** A chunked body that ran past its limit surfaces here, as the reason the body could not be read. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
            "this endpoint reads at most " + tooLarge.limit() + " bytes of request body");
        problem.setTitle("Request body too large");
        // Closing the connection spares the server draining the rest of an oversized body.
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").body(problem);
      }
    }
    return super.handleHttpMessageNotReadable(e, headers, status, request);
  }

  /** The firewall's checks on parameters run lazily, when the endpoint first reads one. */
  @ExceptionHandler(RequestRejectedException.class)
  ProblemDetail rejected(RequestRejectedException e) {
    return api(ApiException.badRequest("the request's parameters or headers are not allowed (control characters)"));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "an unexpected error occurred; the server log has the details");
    problem.setTitle("Internal error");
    return problem;
  }
}
