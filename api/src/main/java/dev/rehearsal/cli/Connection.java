package dev.rehearsal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the server is and who calls it. The token comes from {@code REHEARSAL_TOKEN}, {@code --token-file}, or
 * {@code $XDG_CONFIG_HOME/rehearsal/token} (default {@code ~/.config/rehearsal/token}), never from an argument: arguments
 * show in {@code ps} and in CI logs.
 */
record Connection(String url, String token) {
  static final String DEFAULT_URL = "http://localhost:8080";

  static Connection of(CliArgs args, Map<String, String> env) {
    String url = firstOf(args.option("--url"), env.get("REHEARSAL_URL"), DEFAULT_URL).replaceAll("/+$", "");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new CliFailure(ExitCode.USAGE, "--url must start with http:// or https://, got " + url);
    }
    return new Connection(url, token(args.option("--token-file"), env));
  }

  String runPage(String id) {
    return url + "/runs/" + id;
  }

  private static String token(String tokenFile, Map<String, String> env) {
    if (tokenFile != null) {
      return read(Path.of(tokenFile));
    }
    String fromEnv = env.get("REHEARSAL_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    String config = firstOf(env.get("XDG_CONFIG_HOME"), Path.of(System.getProperty("user.home"), ".config").toString(), null);
    Path file = Path.of(config, "rehearsal", "token");
    if (Files.isRegularFile(file)) {
      return read(file);
    }
    throw new CliFailure(ExitCode.NOT_PERMITTED, "no token: set REHEARSAL_TOKEN, use --token-file FILE, or write it to " + file);
  }

  private static String read(Path file) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new CliFailure(ExitCode.NOT_PERMITTED, "the token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot read the token file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static String firstOf(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : fallback;
  }
}
