package dev.rehearsal.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The list and export filters as options, turned into the API's query parameters. {@code --since} and {@code --until}
 * take what the API takes (an ISO instant, or a UTC date) or an age such as {@code 30m}, {@code 12h}, {@code 7d}.
 */
final class RunQuery {
  static final String USAGE = "[--status S] [--environment E] [--plan P] [--rc V] [--initiator U] [--approver U] [--since WHEN] [--until WHEN]";
  static final Set<String> OPTIONS = Set.of("--status", "--environment", "--plan", "--rc", "--initiator", "--approver", "--since", "--until");
  private static final Map<String, String> PARAMETERS = Map.of("--environment", "environment", "--plan", "plan",
      "--rc", "releaseCandidate", "--initiator", "initiator", "--approver", "approver");
  private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

  private RunQuery() {}

  /** The filters as query parameters, with {@code status} (null: any) in place of {@code --status}. */
  static Map<String, String> parameters(CliArgs args, String status) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (status != null) {
      parameters.put("status", status);
    }
    OPTIONS.stream().sorted().filter(PARAMETERS::containsKey)
        .forEach(option -> putIfSet(parameters, PARAMETERS.get(option), args.option(option)));
    putIfSet(parameters, "from", when(args.option("--since")));
    putIfSet(parameters, "to", when(args.option("--until")));
    return parameters;
  }

  static String queryString(Map<String, String> parameters) {
    return parameters.isEmpty() ? "" : parameters.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&", "?", ""));
  }

  private static void putIfSet(Map<String, String> parameters, String name, String value) {
    if (value != null && !value.isBlank()) {
      parameters.put(name, value.strip());
    }
  }

  /** An age ({@code 7d}) as the instant that long ago; anything else goes to the server as written, which judges it. */
  private static String when(String value) {
    if (value == null) {
      return null;
    }
    Matcher age = AGE.matcher(value.strip());
    if (!age.matches()) {
      return value;
    }
    long amount = Long.parseLong(age.group(1));
    Duration duration = switch (age.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    return Instant.now().minus(duration).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
