package dev.rehearsal.api.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;

/**
 * Every path the console serves; outside checks rely on /login, /, /runs, /runs/{id}, /start and /audit. The security
 * chain matches them, and what is refused before that chain (or before any page) is answered as a console page on them.
 */
final class ConsolePaths {
  static final String[] PATTERNS = {"/", "/login", SignInGuard.THROTTLED, "/logout", "/denied", "/runs/**", "/start/**", "/audit/**", "/console/**"};

  private ConsolePaths() {}

  /**
   * Whether the request's raw path is one of {@link #PATTERNS}, judged without decoding or normalising it (a request the
   * firewall refuses may not be normalisable); path parameters ({@code ;jsessionid=...}) end a segment.
   */
  static boolean contains(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    int parameters = path.indexOf(';');
    String bare = parameters < 0 ? path : path.substring(0, parameters);
    return Arrays.stream(PATTERNS).anyMatch(pattern -> pattern.endsWith("/**")
        ? bare.equals(pattern.substring(0, pattern.length() - 3)) || bare.startsWith(pattern.substring(0, pattern.length() - 2))
        : bare.equals(pattern));
  }
}
