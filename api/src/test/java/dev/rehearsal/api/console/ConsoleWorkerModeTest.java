package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A worker process serves no console, as it serves no API: no sign-in form, no session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rehearsal.mode=worker")
class ConsoleWorkerModeTest {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    String data = Files.createTempDirectory("rehearsal-console-worker-test").toString();
    registry.add("rehearsal.data-dir", () -> data);
    registry.add("temporal.local-port", () -> "0");
  }

  @Test
  void noConsolePageIsServed() {
    ConsoleSession stranger = new ConsoleSession("http://127.0.0.1:" + port);
    for (String path : List.of("/", "/login", "/runs", "/console/console.css")) {
      HttpResponse<String> page = stranger.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.body()).as(path).contains("worker mode").doesNotContain("Token");
      assertThat(page.headers().allValues("Set-Cookie")).as(path).isEmpty();
    }
    assertThat(stranger.post("/login", java.util.Map.of("token", "anything")).statusCode()).isEqualTo(404);
  }
}
