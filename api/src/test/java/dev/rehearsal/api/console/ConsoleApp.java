package dev.rehearsal.api.console;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The all-in-one app in local mode on a random port with {@link LocalApp}'s users (alice ENGINEER, bob and carol
 * APPROVER, dave AUDITOR; tokens {@code LocalApp.ALICE}...). Console test classes extending this share one running
 * app (Spring's context cache): add nothing to the configuration in a subclass, or it starts its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ConsoleApp {
  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    String data = Files.createTempDirectory("rehearsal-console-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    LocalApp.registerUsers(registry);
  }

  protected String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The REST API, for setting a scene up (starting runs) the way a CLI user would. */
  protected ApiClient api() {
    return new ApiClient(port);
  }
}
