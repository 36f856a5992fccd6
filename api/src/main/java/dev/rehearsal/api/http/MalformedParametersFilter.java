package dev.rehearsal.api.http;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parses the request's parameters up front, so a malformed query ({@code ?x=%%%}) is a 400 here instead of an
 * exception thrown from whichever filter or endpoint first asks for a parameter (a 500 with a stack trace). A multipart
 * body over its limit surfaces here as well, and is answered 413; a malformed one is answered 400 saying so.
 */
class MalformedParametersFilter extends OncePerRequestFilter {
  private final EarlyRefusals refusals;
  private final RequestLimits limits;

  MalformedParametersFilter(EarlyRefusals refusals, RequestLimits limits) {
    this.refusals = refusals;
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      request.getParameterMap();
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Tomcat parses a multipart body here too; one past the completion limit (a chunked one) is too large, not malformed.
      if (e.getCause() instanceof SizeException) {
        BodyLimitFilter.refuse(refusals, request, response, ((SizeException) e.getCause()).getPermittedSize());
        return;
      }
      // A chunked form past Tomcat's form limit (the largest form limit, see HttpHardeningConfiguration) is too large too.
      if (e instanceof InvalidParameterException tomcat && tomcat.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
        BodyLimitFilter.refuse(refusals, request, response, limits.largestForm());
        return;
      }
      String contentType = request.getContentType();
      refusals.refuse(request, response, HttpStatus.BAD_REQUEST, "Bad request",
          contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
              ? "the multipart body could not be read (no boundary, a truncated body, or a control character in a"
                  + " part's header); send outcome, note and files as 'attachment' parts"
              : "the query string is not valid: use percent-encoding (%XX) for special characters");
      return;
    }
    chain.doFilter(request, response);
  }
}
