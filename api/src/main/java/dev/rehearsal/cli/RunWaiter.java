package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls a run until it waits for sign-off (or, with {@code untilEnd}, until it ends), showing each state it sees to a
 * watcher, and answers the last state. {@code REHEARSAL_POLL_MS} sets how often (default about a second).
 */
final class RunWaiter {
  static final String UNTIL_USAGE = "--until takes signoff or end, with --wait or --follow";
  private static final Duration EVERY = Duration.ofSeconds(1);

  private RunWaiter() {}

  /** Whether {@code --until} (null when not given) asks to wait for the end; anything but signoff or end is a usage error. */
  static boolean untilEnd(String until) {
    if (until != null && !List.of("signoff", "end").contains(until)) {
      throw new CliFailure(ExitCode.USAGE, UNTIL_USAGE);
    }
    return "end".equals(until);
  }

  /**
   * Polls until the run waits for sign-off or (with {@code untilEnd}) ends, or has a status this command line does not
   * know (a newer server's: {@link ExitCode#of} then says so). Once the server has answered, its outages are ridden out
   * ({@link Outage}); stdout is checked after each state shown, so a watcher whose log went nowhere stops.
   */
  static JsonNode await(ServerClient server, String id, boolean untilEnd, Terminal io, Consumer<JsonNode> watcher) {
    String path = "/api/v1/rehearsals/" + id;
    Duration every = interval(io.env());
    Outage outage = new Outage(every, io.env(), io.err());
    while (true) {
      JsonNode state;
      try {
        state = server.get(path, "status");
      } catch (ServerUnavailable lost) {
        if (!server.answered()) {
          throw lost;
        }
        pause(outage.next(lost), id);
        continue;
      }
      outage.over();
      watcher.accept(state);
      io.checkOut();
      Optional<RunStatus> now = known(state.get("status").asText());
      if (now.isEmpty() || (untilEnd ? now.get().isFinal() : now.get() != RunStatus.RUNNING)) {
        return state;
      }
      pause(every, id);
    }
  }

  private static Optional<RunStatus> known(String status) {
    return Arrays.stream(RunStatus.values()).filter(s -> s.name().equals(status)).findFirst();
  }

  private static void pause(Duration pause, String id) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while waiting for " + id);
    }
  }

  /** The {@code --wait} watcher: a line each time the run's status changes. */
  static Consumer<JsonNode> statusLines(String id, PrintStream out) {
    String[] last = {""};
    return state -> {
      String status = state.path("status").asText();
      if (!status.equals(last[0])) {
        out.println(id + " " + status);
        last[0] = status;
      }
    };
  }

  private static Duration interval(Map<String, String> env) {
    String millis = env.get("REHEARSAL_POLL_MS");
    if (millis == null || millis.isBlank()) {
      return EVERY;
    }
    try {
      return Duration.ofMillis(Math.max(50, Long.parseLong(millis.strip())));
    } catch (NumberFormatException e) {
      throw new CliFailure(ExitCode.USAGE, "REHEARSAL_POLL_MS must be a number of milliseconds, got " + millis);
    }
  }
}
