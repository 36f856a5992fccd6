package dev.rehearsal.api.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}), reached when something answered with {@code sendError} or an
 * exception escaped a filter: a problem document whatever the caller accepts, in place of Spring Boot's default JSON
 * or HTML. Asked for directly, {@code /error} is not a resource (404).
 */
@Controller
public class ProblemErrorController implements ErrorController {
  @RequestMapping("/error")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.valueOf(c) : HttpStatus.NOT_FOUND;
    String detail = switch (status) {
      case NOT_FOUND -> "no such resource";
      case BAD_REQUEST -> "the request is malformed or not allowed (check the path, query and headers)";
      default -> status.is5xxServerError() ? "an unexpected error occurred; the server log has the details" : status.getReasonPhrase();
    };
    Problems.write(response, status, status.getReasonPhrase(), detail);
  }
}
