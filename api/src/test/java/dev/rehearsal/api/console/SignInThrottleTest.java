package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.LocalApp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed sign-ins are logged (address, never the token) and, past the configured number within the window, answered
 * 429 for a whole window, even with a right token. Its own app (small limits), so other tests' sign-ins are not held.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"rehearsal.console.sign-in-failures=3", "rehearsal.console.sign-in-window=4s"})
class SignInThrottleTest extends ConsoleApp {
  @Test
  void failedSignInsAreLoggedAndThrottledPerAddress(CapturedOutput output) throws Exception {
    ConsoleSession guesser = new ConsoleSession(baseUrl());
    String wrong = "not-" + LocalApp.BOB;
    String csrf = guesser.csrfToken("/login");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> failed = guesser.post("/login", Map.of("token", wrong, "_csrf", csrf));
      assertThat(failed.headers().firstValue("Location")).hasValue("/login?failed");
    }
    assertThat(output.getOut()).contains("console sign-in failed from 127.0.0.1", "console sign-in from 127.0.0.1 refused for")
        .doesNotContain(wrong, wrong.substring(4, 12));

    HttpResponse<String> blocked = guesser.post("/login", Map.of("token", LocalApp.BOB, "_csrf", csrf));
    assertThat(blocked.statusCode()).as("even the right token waits").isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 4));
    assertThat(blocked.body()).contains("Too many sign-ins from your address failed").doesNotContain(LocalApp.BOB, "Exception");
    assertThat(blocked.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(guesser.get("/login").statusCode()).as("the sign-in page says so too").isEqualTo(429);
    assertThat(guesser.get("/").statusCode()).as("not signed in").isEqualTo(302);

    Thread.sleep(4_500);
    ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
  }
}
