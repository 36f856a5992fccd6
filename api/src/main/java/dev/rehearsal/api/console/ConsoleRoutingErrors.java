package dev.rehearsal.api.console;

import dev.rehearsal.api.security.RehearsalUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A console path no page answers (an unknown sub-path, a method or content type no page takes) gets the console's error
 * page with its status, not the API's problem document: Spring MVC refuses these before any console controller (whose
 * own errors {@link ConsoleErrors} maps), so the API's handler would answer them. API paths are left to it.
 */
@Component
class ConsoleRoutingErrors implements HandlerExceptionResolver, Ordered {
  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
    if (handler instanceof HandlerMethod || !(e instanceof ErrorResponse refusal) || !ConsolePaths.contains(request)) {
      return null;
    }
    HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
    refusal.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    String detail = e instanceof NoResourceFoundException ? "There is no console page at this address."
        : refusal.getBody().getDetail();
    ModelAndView page = ConsoleErrors.errorPage(new ErrorView(status.value(), status.getReasonPhrase(), detail));
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn != null && signedIn.getPrincipal() instanceof RehearsalUser user) {
      page.addObject("header", ConsoleHeader.of(user, request.getRequestURI()));
    }
    return page;
  }

  /** Ahead of Spring MVC's own resolvers (order 0), which would answer the API's way. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
