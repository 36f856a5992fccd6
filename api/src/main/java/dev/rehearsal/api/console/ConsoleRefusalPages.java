package dev.rehearsal.api.console;

import dev.rehearsal.api.http.EarlyRefusals;
import dev.rehearsal.api.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Requests refused before the console's security chain runs (a body over its limit, malformed parameters, a path the
 * firewall refuses): on a console path the console's error page, with the headers the chain would have written, so a
 * browser shows a page under the same policy instead of raw JSON. Other paths get the API's problem document.
 */
@Component
class ConsoleRefusalPages implements EarlyRefusals {
  /** The console chain's headers (see {@link ConsoleSecurityConfiguration}); HSTS only on secure requests, as there. */
  private static final List<HeaderWriter> HEADERS = List.of(new CacheControlHeadersWriter(),
      new XContentTypeOptionsHeaderWriter(), new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY), new HstsHeaderWriter(),
      new ContentSecurityPolicyHeaderWriter(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY),
      new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER));

  private final ITemplateEngine templates;

  ConsoleRefusalPages(ITemplateEngine templates) {
    this.templates = templates;
  }

  @Override
  public void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
      String detail) throws IOException {
    if (!ConsolePaths.contains(request)) {
      Problems.write(response, status, title, detail);
      return;
    }
    HEADERS.forEach(writer -> writer.writeHeaders(request, response));
    response.setStatus(status.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // Nobody is signed in as far as this page knows (the session is read later): the layout shows no header.
    WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
        .buildExchange(request, response), Locale.ENGLISH, Map.of("error", new ErrorView(status.value(), title, detail)));
    templates.process("console/error", page, response.getWriter());
  }
}
