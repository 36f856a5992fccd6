package dev.rehearsal.api.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * How a request refused before Spring MVC (too large a body, malformed parameters, the security firewall) is answered:
 * the API's problem document, or the console's error page on a console path, since a browser reads that one.
 */
public interface EarlyRefusals {
  void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
      throws IOException;
}
