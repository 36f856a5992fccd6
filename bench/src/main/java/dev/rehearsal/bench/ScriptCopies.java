package dev.rehearsal.bench;

import static dev.rehearsal.bench.Figures.deleteRecursively;
import static dev.rehearsal.bench.Figures.last;
import static dev.rehearsal.bench.Figures.seconds;

import dev.rehearsal.testing.PostgresServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The reference copies: {@code bench/hand-copy.sh} (with its phases) and {@code bench/naive-pipe.sh}. */
final class ScriptCopies {
  private final SnapshotBenchOptions options;
  private final PostgresServers servers;
  private final Map<String, List<Double>> handPhases = new LinkedHashMap<>();

  ScriptCopies(SnapshotBenchOptions options, PostgresServers servers) {
    this.options = options;
    this.servers = servers;
  }

  /** The seconds of each timed hand copy's phase ({@code dump}, {@code recreate}, {@code restore}). */
  List<Double> handPhase(String phase) {
    return handPhases.get(phase);
  }

  String lastHandPhases() {
    return String.format(Locale.ROOT, "   (pg_dump %.2f, dropdb+createdb %.2f, pg_restore %.2f)",
        last(handPhases.get("dump")), last(handPhases.get("recreate")), last(handPhases.get("restore")));
  }

  double hand(Path dumpDir) throws IOException, InterruptedException {
    deleteRecursively(dumpDir);
    Map<String, String> env = environment();
    env.put("DIR", dumpDir.toString());
    env.put("JOBS", String.valueOf(options.jobs()));
    long t0 = System.nanoTime();
    String stdout = runScript("hand-copy.sh", env);
    double took = seconds(t0);
    for (String line : stdout.lines().toList()) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && words[0].equals("phase")) {
        handPhases.computeIfAbsent(words[1], k -> new ArrayList<>()).add(Double.parseDouble(words[2]));
      }
    }
    deleteRecursively(dumpDir);
    return took;
  }

  /** {@code bench/hand-stream.sh}: {@code pg_dump -Fc -Z0 | tee FILE | pg_restore}; the kept file is removed after. */
  double handStream(Path file) throws IOException, InterruptedException {
    java.nio.file.Files.deleteIfExists(file);
    Map<String, String> env = environment();
    env.put("FILE", file.toString());
    long t0 = System.nanoTime();
    runScript("hand-stream.sh", env);
    double took = seconds(t0);
    java.nio.file.Files.deleteIfExists(file);
    return took;
  }

  double naive() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    runScript("naive-pipe.sh", environment());
    return seconds(t0);
  }

  /** The scripts' inputs: URLs without the password, which goes in PGPASSWORD. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SRC", servers.productionUrlWithoutPassword());
    env.put("DST", servers.stagingUrlWithoutPassword());
    env.put("DST_MAINT", "postgresql://" + PostgresServers.APP_USER + "@" + PostgresServers.HOST + ":" + servers.stagingPort() + "/postgres");
    env.put("DST_DB", PostgresServers.STAGING_DB);
    env.put("PGPASSWORD", PostgresServers.PASSWORD);
    return env;
  }

  /** Runs a bench script with only PATH, HOME, LANG and its inputs in the environment; its stdout, or a failure. */
  private String runScript(String script, Map<String, String> inputs) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", options.benchDir().resolve(script).toString());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    env.put("LANG", "C.UTF-8");
    env.putAll(inputs);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = builder.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(script + " exited " + exit + ": " + stdout.strip());
    }
    return stdout;
  }
}
