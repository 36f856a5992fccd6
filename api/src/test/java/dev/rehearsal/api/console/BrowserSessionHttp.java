package dev.rehearsal.api.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Plain HTTP requests with a signed-in browser's session cookie (redirects not followed): to fetch what a link
 * downloads, or to forge a form post with the session and the CSRF token the page carries.
 */
public final class BrowserSessionHttp {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ConsoleBrowser browser;

  public BrowserSessionHttp(ConsoleBrowser browser) {
    this.browser = browser;
  }

  /** The CSRF token in the forms of the page the browser shows (the layout's Sign out form has one). */
  public String csrfToken() {
    return browser.driver().findElement(By.name("_csrf")).getDomAttribute("value");
  }

  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** An {@code application/x-www-form-urlencoded} post, as a form without a file sends it. */
  public HttpResponse<String> postForm(String url, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    if (session != null) {
      request.header("Cookie", "JSESSIONID=" + session.getValue());
    }
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
