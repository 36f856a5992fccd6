package dev.rehearsal.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of the scale benchmark (see bench/run-scale.sh, which starts the app and passes {@code --url},
 * {@code --app-pid} and {@code --data-dir}; the tokens come in the environment, never as arguments).
 */
record ScaleOptions(String url, long appPid, Path dataDir, int closed, int open, int clients, int makers, int samples,
    int listSamples, double maxSeconds, int burst, long pollMillis, int oldest, int closers, int rejectEvery,
    int checkpoint) {
  private static final String USAGE = "--url=URL --app-pid=PID [--data-dir=DIR] [--closed=10000] [--open=1000]"
      + " [--clients=4] [--makers=16] [--samples=2000] [--list-samples=500] [--max-seconds=30] [--burst=50]"
      + " [--poll-ms=50] [--oldest=20] [--closers=32] [--reject-every=10] [--checkpoint=2000]";
  private static final List<String> NAMES = List.of("url", "app-pid", "data-dir", "closed", "open", "clients", "makers",
      "samples", "list-samples", "max-seconds", "burst", "poll-ms", "oldest", "closers", "reject-every", "checkpoint");

  static ScaleOptions parse(String[] args) {
    Map<String, String> given = BenchArgs.parse(args, NAMES, USAGE);
    for (String key : given.keySet()) {
      if (!NAMES.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + " (use " + USAGE + ")");
      }
    }
    if (!given.containsKey("url") || !given.containsKey("app-pid")) {
      throw new IllegalArgumentException("--url and --app-pid are required (use " + USAGE + ")");
    }
    ScaleOptions options = new ScaleOptions(given.get("url"), Long.parseLong(given.get("app-pid")),
        given.containsKey("data-dir") ? Path.of(given.get("data-dir")) : null,
        number(given, "closed", 10_000), number(given, "open", 1_000), number(given, "clients", 4),
        number(given, "makers", 16), number(given, "samples", 2_000), number(given, "list-samples", 500),
        Double.parseDouble(given.getOrDefault("max-seconds", "30")), number(given, "burst", 50),
        number(given, "poll-ms", 50), number(given, "oldest", 20), number(given, "closers", 32),
        number(given, "reject-every", 10), number(given, "checkpoint", 2_000));
    if (options.oldest() < 1 || options.oldest() > options.closed() || options.open() < 1
        || options.clients() < 1 || options.makers() < 1 || options.closers() < 1 || options.rejectEvery() < 1
        || options.checkpoint() < 1) {
      throw new IllegalArgumentException("need 1 ≤ --oldest ≤ --closed, and --open, --clients, --makers, --closers,"
          + " --reject-every, --checkpoint ≥ 1");
    }
    return options;
  }

  private static int number(Map<String, String> given, String name, int fallback) {
    return given.containsKey(name) ? Integer.parseInt(given.get(name).replace("_", "")) : fallback;
  }

  String describe() {
    return String.format(Locale.ROOT, "closed=%d (the oldest %d of plan %s) open=%d clients=%d makers=%d samples=%d"
        + " list-samples=%d max-seconds=%.0f burst=%d poll-ms=%d closers=%d reject-every=%d checkpoint=%d", closed,
        oldest, ScalePlans.OLDEST, open, clients, makers, samples, listSamples, maxSeconds, burst, pollMillis, closers,
        rejectEvery, checkpoint);
  }
}
