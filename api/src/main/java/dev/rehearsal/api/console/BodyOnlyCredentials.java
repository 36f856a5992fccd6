package dev.rehearsal.api.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in token and the CSRF token count only when a form's body carries them: from a query string (a hand-made
 * link or bookmark) they would land in proxy and access logs and in the browser's history. A post that names either
 * in its query string is read as if it carried none, so the sign-in fails and the CSRF check refuses it.
 */
final class BodyOnlyCredentials extends OncePerRequestFilter {
  static final Set<String> BODY_ONLY = Set.of("token", "_csrf");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Set<String> named = queryNames(request.getQueryString());
    if (!"POST".equals(request.getMethod()) || named.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public String getParameter(String name) {
        return named.contains(name) ? null : super.getParameter(name);
      }

      @Override
      public String[] getParameterValues(String name) {
        return named.contains(name) ? null : super.getParameterValues(name);
      }

      @Override
      public Map<String, String[]> getParameterMap() {
        Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
        all.keySet().removeAll(named);
        return Collections.unmodifiableMap(all);
      }

      @Override
      public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
      }
    }, response);
  }

  /** Which of the body-only names the query string carries (decoded, so {@code %74oken} counts too). */
  private static Set<String> queryNames(String query) {
    if (query == null || query.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(query.split("&"))
        .map(pair -> pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair)
        .map(BodyOnlyCredentials::decoded)
        .filter(BODY_ONLY::contains)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String decoded(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return name;
    }
  }
}
