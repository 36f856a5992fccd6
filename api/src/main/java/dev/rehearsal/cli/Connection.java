package dev.rehearsal.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server is and who calls it. The token comes from {@code --token-file} (an explicit flag beats the
 * environment), else {@code REHEARSAL_TOKEN}, else {@code $XDG_CONFIG_HOME/rehearsal/token} (default
 * {@code ~/.config/rehearsal/token}), never from an argument: arguments show in {@code ps} and in CI logs.
 */
record Connection(String url, String token) {
  static final String DEFAULT_URL = "http://localhost:8080";

  static Connection of(CliArgs args, Map<String, String> env) {
    String url = firstOf(args.option("--url"), env.get("REHEARSAL_URL"), DEFAULT_URL).replaceAll("/+$", "");
    checkUrl(url);
    return new Connection(url, token(args.option("--token-file"), env));
  }

  String runPage(String id) {
    return url + "/runs/" + id;
  }

  /** The server's base URL: paths are appended to it, so a query or a bad port would only fail later, and less clearly. */
  private static void checkUrl(String url) {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new CliFailure(ExitCode.USAGE, "--url must start with http:// or https://, got " + url);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new CliFailure(ExitCode.USAGE, "--url is not a valid URL: " + url);
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.isEmpty() || hostPort.startsWith(":")) {
      throw new CliFailure(ExitCode.USAGE, "--url has no host name: " + url);
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon > hostPort.lastIndexOf(']')) {
      String port = hostPort.substring(colon + 1);
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
        throw new CliFailure(ExitCode.USAGE, "--url has a port that is not 1 to 65535: " + url);
      }
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new CliFailure(ExitCode.USAGE, "--url is the server's base URL, without ?query or #fragment: " + url);
    }
  }

  private static String token(String tokenFile, Map<String, String> env) {
    if (tokenFile != null) {
      return read(Path.of(tokenFile));
    }
    String fromEnv = env.get("REHEARSAL_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(fromEnv, "REHEARSAL_TOKEN");
    }
    String config = firstOf(env.get("XDG_CONFIG_HOME"), Path.of(System.getProperty("user.home"), ".config").toString(), null);
    Path file = Path.of(config, "rehearsal", "token");
    if (Files.isRegularFile(file)) {
      return read(file);
    }
    throw new CliFailure(ExitCode.NOT_PERMITTED, "no token: use --token-file FILE, set REHEARSAL_TOKEN, or write it to " + file);
  }

  /** A regular file only: a FIFO or a device would block or never end. A BOM (a Windows editor's) is not the token's. */
  private static String read(Path file) {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new CliFailure(ExitCode.USAGE, "the token file " + file + " is not a regular file");
    }
    try {
      if (Files.size(file) > 64 * 1024) {
        throw new CliFailure(ExitCode.NOT_PERMITTED, "the token file " + file + " is too long for a token");
      }
      return checked(Files.readString(file).replaceFirst("^\uFEFF", ""), "the token file " + file);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot read the token file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * The token without surrounding whitespace (a file's trailing newline); anything HTTP cannot carry in a header, or
   * that is not one token, is refused naming where it came from, never showing the token itself.
   */
  private static String checked(String raw, String source) {
    String token = raw.strip();
    if (token.isEmpty()) {
      throw new CliFailure(ExitCode.NOT_PERMITTED, source + " is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      String what = c == '\n' || c == '\r' ? "a line break"
          : Character.isWhitespace(c) || Character.isSpaceChar(c) ? "a space"
          : c < 0x20 || c == 0x7f ? "a control character"
          : c > 0x7e ? "a character outside ASCII"
          : null;
      if (what != null) {
        throw new CliFailure(ExitCode.NOT_PERMITTED, source + " has " + what + " in it: a token is one word on one line");
      }
    }
    return token;
  }

  private static String firstOf(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : fallback;
  }
}
