package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Prints a followed run's events, one time-stamped line each ({@code 12:03:04 step migrate started (attempt 1)}): the
 * first state's events (a re-attached follower catching up) at their own times where the state has them, else marked
 * {@code --:--:--} (earlier, time unknown); later events at the time the poll saw them. On a
 * terminal ({@code live}), a running step's progress is one line rewritten in place and cleared before the next event;
 * in a job log (no terminal) there are no control characters at all, and no progress lines to flood it.
 */
final class FollowPrinter implements Consumer<JsonNode> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String CLEAR_LINE = "\r\033[K";
  private static final String EARLIER = "--:--:--";

  private final PrintStream out;
  private final boolean live;
  private final Supplier<LocalTime> clock;
  private final ZoneId zone;
  private final int width;
  private JsonNode last;
  private boolean progressShown;

  /** {@code width}: the terminal's columns; a longer progress line would wrap, and only its last row be rewritten. */
  FollowPrinter(PrintStream out, boolean live, Supplier<LocalTime> clock, ZoneId zone, int width) {
    this.out = out;
    this.live = live;
    this.clock = clock;
    this.zone = zone;
    this.width = width;
  }

  /**
   * On this process's stdout: live when it is a terminal (Java 17: no console when stdin or stdout is redirected),
   * {@code COLUMNS} wide (80 when unknown).
   */
  static FollowPrinter onStdout(PrintStream out, java.util.Map<String, String> env) {
    int width = 80;
    try {
      width = Math.max(20, Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip()));
    } catch (NumberFormatException e) {
      // Not a number: the common terminal width will do.
    }
    return new FollowPrinter(out, System.console() != null, LocalTime::now, ZoneId.systemDefault(), width);
  }

  @Override
  public void accept(JsonNode state) {
    String time = clock.get().format(TIME);
    for (RunEvents.Event event : RunEvents.between(last, state)) {
      clearProgress();
      String when = last != null ? time : event.at() == null ? EARLIER : LocalTime.ofInstant(event.at(), zone).format(TIME);
      // Names and summaries come from plans and steps: no control character of theirs reaches the log.
      out.println(when + " " + LogText.oneLine(event.line()));
    }
    last = state;
    Optional<String> progress = live ? RunEvents.progress(state) : Optional.empty();
    if (progress.isPresent()) {
      String line = time + " " + LogText.oneLine(progress.get());
      out.print(CLEAR_LINE + (line.length() < width ? line : line.substring(0, width - 4) + "..."));
      out.flush();
      progressShown = true;
    } else {
      clearProgress();
    }
  }

  /** Leaves the terminal on a fresh line, the progress line gone. */
  void clearProgress() {
    if (progressShown) {
      out.print(CLEAR_LINE);
      out.flush();
      progressShown = false;
    }
  }
}
