package dev.rehearsal.api.problems;

import dev.rehearsal.plan.InvalidPlanException;
import io.temporal.client.WorkflowNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
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

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected error", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "an unexpected error occurred; the server log has the details");
    problem.setTitle("Internal error");
    return problem;
  }
}
