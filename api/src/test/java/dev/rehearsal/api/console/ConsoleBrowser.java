package dev.rehearsal.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver, for console tests. Both paths are given explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or driver. One browser per test class:
 * <pre>
 *   &#64;RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();
 *   ...
 *   browser.signIn(baseUrl(), LocalApp.BOB);
 *   browser.open(baseUrl() + "/runs");
 *   browser.field("Comment").sendKeys("fine");
 *   browser.button("Approve").click();
 *   browser.screenshot("run");
 * </pre>
 * Cookies are cleared before each test, so every test starts signed out. {@link #consoleProblems()} lists what the
 * page's console reported at level SEVERE (script errors, Content-Security-Policy violations, failed loads; a page
 * answered 4xx on purpose is one too, so drain them with {@code consoleProblems()} after opening one).
 */
public final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private ChromeDriver driver;

  @Override
  public void beforeAll(ExtensionContext context) {
    // With the driver's path given Selenium never starts Selenium Manager; were it to, SE_* properties become its
    // environment, and SE_OFFLINE forbids it any download.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
        "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.get("about:blank");
    consoleProblems();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Signs in on the login page with {@code token}, as a person would: the field labelled Token, the Sign in button. */
  public void signIn(String baseUrl, String token) {
    open(baseUrl + "/login");
    field("Token").sendKeys(token);
    button("Sign in").click();
    waitUntil(d -> !d.getCurrentUrl().contains("/login"), "to leave the login page after signing in");
  }

  /** Tries {@code token} on the login page and stays there, refused. */
  public void signInExpectingFailure(String baseUrl, String token) {
    open(baseUrl + "/login");
    field("Token").sendKeys(token);
    button("Sign in").click();
    waitUntil(d -> d.getCurrentUrl().contains("/login?failed"), "to be refused");
  }

  public void open(String url) {
    driver.get(url);
  }

  /** The form control whose {@code <label for>} reads exactly {@code label}. */
  public WebElement field(String label) {
    WebElement labelled = driver.findElement(By.xpath("//label[normalize-space()=" + xpathLiteral(label) + "]"));
    return driver.findElement(By.id(labelled.getDomAttribute("for")));
  }

  /** The button whose text reads exactly {@code name}. */
  public WebElement button(String name) {
    return driver.findElement(By.xpath("//button[normalize-space()=" + xpathLiteral(name) + "]"));
  }

  /** The link whose text reads exactly {@code text}. */
  public WebElement link(String text) {
    return driver.findElement(By.xpath("//a[normalize-space()=" + xpathLiteral(text) + "]"));
  }

  /** Whether a button reading exactly {@code name} is on the page (what a role may not do is not offered). */
  public boolean hasButton(String name) {
    return !driver.findElements(By.xpath("//button[normalize-space()=" + xpathLiteral(name) + "]")).isEmpty();
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String heading() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  public String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  public <T> T waitUntil(Function<WebDriver, T> condition, String what) {
    // A page being replaced (a form's redirect, the live part swapped in) leaves elements just read stale: read again.
    return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Saves what the browser shows as {@code target/console-screenshots/<name>.png} (the lead copies them to docs). */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the browser's console reported at SEVERE since the last call: script errors, CSP violations, failed loads. */
  public List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /** Fails when the pages seen since the last check reported a script error or a blocked resource. */
  public void assertNoConsoleProblems() {
    assertThat(consoleProblems()).as("browser console errors (script, Content-Security-Policy, loading)").isEmpty();
  }

  private static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
