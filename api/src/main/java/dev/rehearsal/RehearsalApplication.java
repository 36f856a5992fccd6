package dev.rehearsal;

import dev.rehearsal.api.audit.AuditCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The all-in-one launcher: REST API, worker, and in local mode an embedded Temporal service; or an audit command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RehearsalApplication {
  public static void main(String[] args) {
    if (AuditCommand.isCommand(args)) {
      System.exit(AuditCommand.run(args, System.out, System.err));
    }
    SpringApplication.run(RehearsalApplication.class, args);
  }
}
