package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.Cookie;

/**
 * A browser session over plain HTTP (cookies kept, redirects not followed), for what a browser test cannot see:
 * statuses, headers and cookie flags, downloads, and forged form posts. Paths are resolved against the base URL, so
 * a link's full address works as well.
 */
public final class ConsoleSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  public ConsoleSession(String baseUrl) {
    this.base = URI.create(baseUrl);
  }

  /** The session {@code browser} is signed in with, to fetch what its links download or to forge its posts. */
  public static ConsoleSession of(ConsoleBrowser browser, String baseUrl) {
    ConsoleSession session = new ConsoleSession(baseUrl);
    Cookie browserCookie = browser.driver().manage().getCookieNamed("JSESSIONID");
    assertThat(browserCookie).as("the browser's session cookie").isNotNull();
    HttpCookie cookie = new HttpCookie("JSESSIONID", browserCookie.getValue());
    cookie.setPath("/");
    cookie.setVersion(0);
    session.cookies.getCookieStore().add(session.base, cookie);
    return session;
  }

  /** A session signed in with {@code token} through the login form, CSRF token and all. */
  public static ConsoleSession signedIn(String baseUrl, String token) {
    ConsoleSession session = new ConsoleSession(baseUrl);
    HttpResponse<String> signIn = session.post("/login", Map.of("token", token, "_csrf", session.csrfToken("/login")));
    assertThat(signIn.statusCode()).as("sign-in answer").isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).doesNotContain("/login"));
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /** A download's bytes (a zip is no text). */
  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A form post ({@code application/x-www-form-urlencoded}); put {@code _csrf} in {@code form} to send one. */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Any request, with a body as given (a hand-built form or multipart body, a method no page takes). */
  public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A POST whose body is sent chunked, its length not said up front (as a client streaming it would). */
  public HttpResponse<String> postChunked(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))));
  }

  /** The CSRF token the page at {@code path} puts in its forms for this session. */
  public String csrfToken(String path) {
    HttpResponse<String> page = get(path);
    Matcher token = CSRF.matcher(page.body());
    assertThat(token.find()).as("a CSRF field on " + path + ": " + page.body()).isTrue();
    return token.group(1) != null ? token.group(1) : token.group(2);
  }

  /** {@code form} plus this session's CSRF token, taken from the page at {@code path}. */
  public Map<String, String> withCsrf(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("_csrf", csrfToken(path));
    return all;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
