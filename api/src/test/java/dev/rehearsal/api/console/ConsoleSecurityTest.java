package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.api.ApiClient;
import dev.rehearsal.api.LocalApp;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console's session over plain HTTP: cookie flags, security headers, CSRF, sign-in redirects, role rules, and that
 * the API beside it stays bearer-only and sessionless.
 */
class ConsoleSecurityTest extends ConsoleApp {
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrictAndChangesAtSignIn() {
    ConsoleSession browser = new ConsoleSession(baseUrl());
    HttpResponse<String> login = browser.get("/login");
    String before = sessionCookie(login);
    HttpResponse<String> signIn = browser.post("/login", Map.of("token", LocalApp.BOB, "_csrf", browser.csrfToken("/login")));

    assertThat(signIn.statusCode()).isEqualTo(302);
    String after = sessionCookie(signIn);
    for (String cookie : List.of(before, after)) {
      assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
    }
    assertThat(value(after)).as("a new session id at sign-in (no fixation)").isNotEqualTo(value(before));
    assertThat(signIn.body()).doesNotContain(LocalApp.BOB);
  }

  @Test
  void consolePagesCarryTheSecurityHeaders() {
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    for (HttpResponse<String> page : List.of(bob.get("/"), bob.get("/runs"), new ConsoleSession(baseUrl()).get("/login"))) {
      assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString()).hasValue(CSP);
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(page.body()).as("no inline script or style").doesNotContain("<script>", "style=", "<style");
    }
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);

    for (Map<String, String> forged : List.of(Map.<String, String>of(), Map.of("_csrf", "forged"))) {
      HttpResponse<String> logout = bob.post("/logout", forged);
      assertThat(logout.statusCode()).isEqualTo(403);
      assertThat(logout.body()).contains("Reload the page and try again").doesNotContain("Exception");
    }
    assertThat(bob.get("/").statusCode()).as("still signed in").isEqualTo(200);

    HttpResponse<String> logout = bob.post("/logout", bob.withCsrf("/", Map.of()));
    assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?signedOut"));
    assertThat(bob.get("/").statusCode()).as("signed out: sent to sign in").isEqualTo(302);
  }

  @Test
  void theApiStaysBearerOnlyAndStartsNoSession() {
    ApiClient.Response inbox = api().get("/api/v1/inbox", LocalApp.BOB);
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.json().get("user").asText()).isEqualTo("bob");

    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    HttpResponse<String> withSessionOnly = bob.get("/api/v1/inbox");
    assertThat(withSessionOnly.statusCode()).as("the API ignores the console's session").isEqualTo(401);
    assertThat(withSessionOnly.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void everyConsolePageSendsAStrangerToSignInAndBackAfterwards() {
    Set<String> pages = consoleGetPaths();
    assertThat(pages).contains("/", "/runs", "/login");
    for (String path : pages) {
      // Sign-in, the forbidden page and the stylesheets under /console/ (the report's, like console.css) are public.
      if (path.equals("/login") || path.equals("/denied") || path.startsWith("/console/")) {
        continue;
      }
      HttpResponse<String> page = new ConsoleSession(baseUrl()).get(path.replace("{id}", "rh-unknown").replaceAll("\\{[^}]+}", "x"));
      assertThat(page.statusCode()).as(path).isEqualTo(302);
      assertThat(page.headers().firstValue("Location")).as(path).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    ConsoleSession dave = new ConsoleSession(baseUrl());
    assertThat(dave.get("/runs?status=SUCCEEDED").statusCode()).isEqualTo(302);
    HttpResponse<String> signIn = dave.post("/login", Map.of("token", LocalApp.DAVE, "_csrf", dave.csrfToken("/login")));
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/runs?status=SUCCEEDED"));
  }

  @Test
  void theTokenAndTheCsrfTokenCountOnlyInTheFormBody() {
    ConsoleSession fromLink = new ConsoleSession(baseUrl());
    String csrf = fromLink.csrfToken("/login");
    HttpResponse<String> tokenInQuery = fromLink.post("/login?token=" + LocalApp.BOB, Map.of("_csrf", csrf));
    assertThat(tokenInQuery.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?failed"));
    HttpResponse<String> failedPage = fromLink.get("/login?failed");
    assertThat(failedPage.statusCode()).as(failedPage.headers().toString()).isEqualTo(200);
    assertThat(failedPage.body()).contains("Sign-in failed");
    HttpResponse<String> csrfInQuery = fromLink.post("/login?_csrf=" + csrf, Map.of("token", LocalApp.BOB));
    assertThat(csrfInQuery.statusCode()).isEqualTo(403);
    HttpResponse<String> bothInQuery = fromLink.post("/login?token=" + LocalApp.BOB + "&_csrf=" + csrf, Map.of());
    assertThat(bothInQuery.statusCode()).isEqualTo(403);
    assertThat(fromLink.get("/").statusCode()).as("never signed in").isEqualTo(302);

    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    HttpResponse<String> logout = bob.post("/logout?_csrf=" + bob.csrfToken("/"), Map.of());
    assertThat(logout.statusCode()).as("a CSRF token in a link is no token").isEqualTo(403);
    assertThat(bob.get("/").statusCode()).as("still signed in").isEqualTo(200);
  }

  @Test
  void redirectsAreRelativeWhateverHostTheRequestNames() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write("GET /runs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      String head = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n\r\n")[0];
      assertThat(head).startsWith("HTTP/1.1 302").containsIgnoringCase("\r\nLocation: /login").doesNotContain("evil.example");
    }
  }

  @Test
  void signingInAfterAPollOrADownloadReturnsToAPageNotAFragment() {
    for (String notAPage : List.of("/runs/rh-unknown/live?shown=x", "/runs/rh-unknown/evidence/x.log", "/audit/export.csv")) {
      ConsoleSession expired = new ConsoleSession(baseUrl());
      assertThat(expired.get(notAPage).statusCode()).as(notAPage).isEqualTo(302);
      HttpResponse<String> signIn = expired.post("/login", Map.of("token", LocalApp.DAVE, "_csrf", expired.csrfToken("/login")));
      assertThat(signIn.headers().firstValue("Location")).as(notAPage).hasValue("/");
    }
  }

  @Test
  void pagesForAnotherRoleAreForbidden() {
    ConsoleSession bob = ConsoleSession.signedIn(baseUrl(), LocalApp.BOB);
    ConsoleSession dave = ConsoleSession.signedIn(baseUrl(), LocalApp.DAVE);
    for (HttpResponse<String> refused : List.of(bob.get("/start"), bob.get("/audit"), dave.get("/start"))) {
      assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(403);
      assertThat(refused.body()).contains("Your roles do not allow this page.");
    }
    assertThat(bob.get("/").body()).as("nav offers neither").doesNotContain("href=\"/start\"", "href=\"/audit\"");
    assertThat(dave.get("/").body()).contains("href=\"/audit\"").doesNotContain("href=\"/start\"")
        .as("an auditor is never awaited").contains("Nothing is waiting for you.");
  }

  /** The GET paths the console's controllers map (other pages join this list, and this test, by existing). */
  private Set<String> consoleGetPaths() {
    Set<String> paths = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, handler) -> {
      boolean console = handler.getBeanType().getPackageName().startsWith("dev.rehearsal.api.console");
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      if (console && (methods.isEmpty() || methods.contains(RequestMethod.GET))) {
        paths.addAll(info.getPatternValues());
      }
    });
    return paths;
  }

  private static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie set by " + response.uri() + ": " + response.headers()));
  }

  private static String value(String cookie) {
    return cookie.substring(0, cookie.indexOf(';'));
  }
}
