package dev.rehearsal.api.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console's settings.
 *
 * @param sessionTimeout how long a signed-in browser session lasts without a request (default 8h, a working day);
 *     set on the session at sign-in, so only console sessions get it
 */
@ConfigurationProperties("rehearsal.console")
public record ConsoleProperties(@DefaultValue("8h") Duration sessionTimeout) {
  public ConsoleProperties {
    if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.toSeconds() < 60) {
      throw new IllegalStateException("rehearsal.console.session-timeout must be at least one minute, like 8h or 30m");
    }
  }
}
