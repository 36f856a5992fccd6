package dev.rehearsal.api.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What happens around a console sign-in that fails: each failure is logged (the remote address, never the token or
 * any part of it) and counted by {@link SignInThrottle}; an address it blocks gets the 429 page at
 * {@link #THROTTLED} instead of a token check.
 */
final class SignInGuard {
  static final String THROTTLED = "/login/throttled";
  private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

  private SignInGuard() {}

  /** Logs and counts the failure, then back to the sign-in page saying it failed. */
  static AuthenticationFailureHandler onFailure(SignInThrottle throttle) {
    SimpleUrlAuthenticationFailureHandler back = new SimpleUrlAuthenticationFailureHandler("/login?failed");
    return (request, response, failure) -> {
      String address = printable(request.getRemoteAddr());
      log.warn("console sign-in failed from {}", address);
      if (throttle.failed(request.getRemoteAddr())) {
        log.warn("console sign-in from {} refused for {}: {} failed sign-ins within {}", address, throttle.window(),
            throttle.limit(), throttle.window());
      }
      back.onAuthenticationFailure(request, response, failure);
    };
  }

  /** Ahead of the token check: a blocked address's sign-in goes to the 429 page unchecked. */
  static OncePerRequestFilter refusingBlocked(SignInThrottle throttle) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
            && throttle.secondsBlocked(request.getRemoteAddr()) > 0) {
          request.getRequestDispatcher(THROTTLED).forward(request, response);
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** An address as a log line may show it: a forwarded one could carry anything, line breaks included. */
  private static String printable(String address) {
    return address == null ? "?" : address.replaceAll("[^0-9A-Za-z:.%\\[\\]-]", "?");
  }
}
