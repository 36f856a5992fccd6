package dev.rehearsal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The all-in-one launcher: REST API, worker, and in local mode an embedded Temporal service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RehearsalApplication {
  public static void main(String[] args) {
    SpringApplication.run(RehearsalApplication.class, args);
  }
}
