package dev.rehearsal.api.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Which request a sign-in returns to: only a page a person navigated to (a GET asking for HTML), never the live
 * part a page polls, a download or an export, which would land them on a bare fragment or a file after signing in.
 */
final class PageRequests {
  private static final Pattern NOT_PAGES = Pattern.compile("/runs/[^/]+/(live|evidence/.*)|/audit/export\\..*|/console/.*");

  private PageRequests() {}

  static RequestCache cache() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(PageRequests::isPage);
    return cache;
  }

  static boolean isPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return "GET".equals(request.getMethod())
        && request.getHeader("X-Requested-With") == null
        && (accept == null || accept.contains("text/html") || accept.contains("*/*"))
        && !NOT_PAGES.matcher(request.getRequestURI()).matches();
  }
}
