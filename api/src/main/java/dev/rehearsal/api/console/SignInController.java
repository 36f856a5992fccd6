package dev.rehearsal.api.console;

import dev.rehearsal.api.security.RehearsalUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-in page (the form posts to Spring Security's {@code POST /login}, see {@link ConsoleSecurityConfiguration})
 * and the page shown when a signed-in user's roles do not allow a console path.
 */
@Controller
class SignInController {
  private final SignInThrottle throttle;

  SignInController(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @GetMapping("/login")
  Object signIn(@AuthenticationPrincipal RehearsalUser user, @RequestParam(required = false) String failed,
      @RequestParam(required = false) String signedOut, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    if (user != null) {
      return "redirect:/";
    }
    if (throttle.secondsBlocked(request.getRemoteAddr()) > 0) {
      return throttled(request, response);
    }
    model.addAttribute("failed", failed != null);
    model.addAttribute("signedOut", signedOut != null);
    return "console/login";
  }

  /**
   * Where {@link SignInGuard} forwards a blocked address's sign-in (any method may arrive): 429, and when to try again.
   * Reached directly by an address that is not blocked, it is just the way back to signing in.
   */
  @RequestMapping(SignInGuard.THROTTLED)
  Object throttled(HttpServletRequest request, HttpServletResponse response) {
    long seconds = throttle.secondsBlocked(request.getRemoteAddr());
    if (seconds == 0) {
      return "redirect:/login";
    }
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    return ConsoleErrors.errorPage(new ErrorView(HttpStatus.TOO_MANY_REQUESTS.value(), "Too many failed sign-ins",
        "Too many sign-ins from your address failed. Try again in " + seconds + " seconds."));
  }

  /**
   * Where {@link ConsoleSecurityConfiguration}'s access-denied handler forwards (any method may arrive): a path the
   * user's roles do not allow, or a form posted without this session's CSRF token.
   */
  @RequestMapping("/denied")
  ModelAndView denied(@RequestAttribute(name = WebAttributes.ACCESS_DENIED_403, required = false) AccessDeniedException why) {
    String detail = why instanceof CsrfException
        ? "The form was not sent from this signed-in page (it may have expired). Reload the page and try again."
        : "Your roles do not allow this page.";
    return ConsoleErrors.errorPage(new ErrorView(HttpStatus.FORBIDDEN.value(), "Forbidden", detail));
  }
}
