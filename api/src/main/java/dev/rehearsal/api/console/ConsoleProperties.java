package dev.rehearsal.api.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console's settings.
 *
 * @param sessionTimeout how long a signed-in browser session lasts without a request (default 8h, a working day);
 *     set on the session at sign-in, so only console sessions get it
 * @param signInFailures how many failed sign-ins from one address within {@code signInWindow} make {@code /login}
 *     answer 429 to that address for the next {@code signInWindow} (default 10)
 * @param signInWindow see {@code signInFailures} (default 1m)
 */
@ConfigurationProperties("rehearsal.console")
public record ConsoleProperties(@DefaultValue("8h") Duration sessionTimeout, @DefaultValue("10") int signInFailures,
    @DefaultValue("1m") Duration signInWindow) {
  public ConsoleProperties {
    if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.toSeconds() < 60) {
      throw new IllegalStateException("rehearsal.console.session-timeout must be at least one minute, like 8h or 30m");
    }
    if (signInFailures < 1) {
      throw new IllegalStateException("rehearsal.console.sign-in-failures must be at least 1, like 10");
    }
    if (signInWindow == null || signInWindow.toSeconds() < 1) {
      throw new IllegalStateException("rehearsal.console.sign-in-window must be at least one second, like 1m");
    }
  }
}
