package dev.rehearsal.api.console;

import dev.rehearsal.api.problems.ApiExceptionHandler;
import java.lang.reflect.Method;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a console page did not handle itself becomes the error page, never a stack trace. The status, title and detail
 * are the ones the API would answer, taken from {@link ApiExceptionHandler} (the one place that maps the services'
 * exceptions), so a refusal reads the same in the browser as over the API.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {
  private static final ExceptionHandlerMethodResolver API_HANDLERS = new ExceptionHandlerMethodResolver(ApiExceptionHandler.class);
  private final ApiExceptionHandler api;

  ConsoleErrors(ApiExceptionHandler api) {
    this.api = api;
  }

  @ExceptionHandler(Exception.class)
  ModelAndView page(Exception e, WebRequest request) throws Exception {
    ProblemDetail problem = problem(e, request);
    HttpStatus status = HttpStatus.valueOf(problem.getStatus());
    return errorPage(new ErrorView(status.value(), problem.getTitle(), problem.getDetail()));
  }

  /** The error page for {@code error}, with its status. */
  public static ModelAndView errorPage(ErrorView error) {
    ModelAndView page = new ModelAndView("console/error", HttpStatus.valueOf(error.status()));
    page.addObject("error", error);
    return page;
  }

  /** What the API would answer for {@code e}: for pages that show a refusal in place rather than as the error page. */
  public ProblemDetail problem(Exception e, WebRequest request) throws Exception {
    Method handler = API_HANDLERS.resolveMethod(e);
    if (handler != null && handler.getParameterCount() == 1) {
      ReflectionUtils.makeAccessible(handler);
      return (ProblemDetail) ReflectionUtils.invokeMethod(handler, api, e);
    }
    // Spring MVC's own exceptions (binding, type mismatch, missing parameter) go through its standard handler.
    ResponseEntity<Object> answer = api.handleException(e, request);
    if (answer == null) {
      return ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }
    return answer.getBody() instanceof ProblemDetail problem ? problem : ProblemDetail.forStatus(answer.getStatusCode());
  }
}
