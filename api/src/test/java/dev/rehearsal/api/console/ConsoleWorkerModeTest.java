package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker process serves no console, as it serves no API: no sign-in form, no session. Started by hand rather than
 * as a Spring test context, so that the console tests' shared context is never paused for it (its Temporal worker
 * cannot start again after a stop).
 */
class ConsoleWorkerModeTest {
  @Test
  void noConsolePageIsServed() throws Exception {
    try (ConfigurableApplicationContext worker = LocalApp.start(Files.createTempDirectory("rehearsal-console-worker-test"),
        "--rehearsal.mode=worker")) {
      ConsoleSession stranger = new ConsoleSession("http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port"));
      for (String path : List.of("/", "/login", "/runs", "/console/console.css")) {
        HttpResponse<String> page = stranger.get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(404);
        assertThat(page.body()).as(path).contains("worker mode").doesNotContain("Token");
        assertThat(page.headers().allValues("Set-Cookie")).as(path).isEmpty();
      }
      assertThat(stranger.post("/login", Map.of("token", LocalApp.BOB)).statusCode()).isEqualTo(404);
    }
  }
}
