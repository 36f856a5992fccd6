package dev.rehearsal.api.problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report (a request refused before it reached the application, e.g. an undecodable or
 * non-normalisable path) as a problem document instead of Tomcat's HTML page. Never includes a stack trace.
 */
public class ProblemReportValve extends ErrorReportValve {
  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String detail = status < 500 ? "the server refused the request before it reached the API; check the path and headers"
        : "the server could not handle the request; the server log has the details";
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      var writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(Problems.json(status, title, detail), StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response was committed meanwhile: there is nobody left to tell.
    }
  }
}
