package dev.rehearsal.api.console;

import dev.rehearsal.api.security.TokenAuthentication;
import dev.rehearsal.api.security.TokenRegistry;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs a browser in with the user's bearer token, typed into the login form's one field: the same registry, the same
 * principal and roles as a bearer request. Why a token was refused is never told.
 */
final class TokenSignIn implements AuthenticationProvider {
  private final TokenRegistry tokens;

  TokenSignIn(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  @Override
  public Authentication authenticate(Authentication attempt) {
    Object token = attempt.getCredentials();
    if (!(token instanceof String text) || text.isBlank()) {
      throw new BadCredentialsException("no token");
    }
    return TokenAuthentication.of(tokens, text.trim()).orElseThrow(() -> new BadCredentialsException("unknown token"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
