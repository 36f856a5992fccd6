package dev.rehearsal.api.security;

import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication a token earns, the same for a bearer request and a console sign-in: the {@link RehearsalUser} as
 * principal and one {@code ROLE_} authority per role, so services and path rules see one kind of caller.
 */
public final class TokenAuthentication {
  private TokenAuthentication() {}

  public static Optional<Authentication> of(TokenRegistry tokens, String token) {
    return tokens.find(token).map(TokenAuthentication::of);
  }

  static Authentication of(RehearsalUser user) {
    var authorities = user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }
}
