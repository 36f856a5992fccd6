package dev.rehearsal;

import dev.rehearsal.api.audit.AuditCommand;
import dev.rehearsal.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * The all-in-one launcher: REST API, worker, and in local mode an embedded Temporal service; or an audit or client
 * command (dev.rehearsal.cli, without a Spring context).
 * Without Boot's in-memory user: callers authenticate by bearer token only, so its generated password, logged at every
 * start, would be noise about a login that does not exist.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class RehearsalApplication {
  public static void main(String[] args) {
    if (AuditCommand.isCommand(args)) {
      System.exit(AuditCommand.run(args, System.out, System.err));
    }
    // Before anything of Spring or logging is loaded. The server takes --key=value properties only, so anything else
    // is the command line's: a mistyped command or a misplaced option gets exit 64 rather than a server starting in
    // a pipeline step.
    if (!Cli.isServer(args)) {
      Cli.main(args);
    }
    SpringApplication.run(RehearsalApplication.class, args);
  }
}
