package dev.rehearsal.api.http;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The all-in-one app in local mode on a random port, with one user per role. Test classes extending this share one
 * running app (Spring's context cache), so the HTTP-layer tests pay for one start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LocalApp {
  /** A caller of the API: a user with one role, nobody, or someone with a token the app does not know. */
  enum Caller {
    ENGINEER("engineer-token"), APPROVER("approver-token"), AUDITOR("auditor-token"), NONE(null), BAD_TOKEN("not-a-token");

    final String token;

    Caller(String token) {
      this.token = token;
    }

    boolean isUser() {
      return this == ENGINEER || this == APPROVER || this == AUDITOR;
    }
  }

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    String data = Files.createTempDirectory("rehearsal-http-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
    int i = 0;
    for (Caller user : Caller.values()) {
      if (user.isUser()) {
        String prefix = "rehearsal.security.users[" + i++ + "].";
        registry.add(prefix + "name", () -> user.name().toLowerCase(Locale.ROOT));
        registry.add(prefix + "roles", user::name);
        registry.add(prefix + "token", () -> user.token);
      }
    }
  }
}
