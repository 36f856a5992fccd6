package dev.rehearsal.api.console;

import dev.rehearsal.api.security.RehearsalUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every console page (this package and below) the layout's {@code header}; null before sign-in. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
  @ModelAttribute("header")
  ConsoleHeader header(@AuthenticationPrincipal RehearsalUser user, HttpServletRequest request) {
    return user == null ? null : ConsoleHeader.of(user, request.getRequestURI());
  }
}
