package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.workflows.rehearsal.RunStatus;
import java.time.Duration;

/** Polls a run until it waits for sign-off (or, with {@code untilEnd}, until it ends) and tells what it came to. */
final class RunWaiter {
  private static final Duration EVERY = Duration.ofMillis(500);

  private RunWaiter() {}

  static ExitCode await(ServerClient server, Connection connection, String id, boolean untilEnd, Terminal io) {
    String path = "/api/v1/rehearsals/" + id;
    String lastStatus = "";
    while (true) {
      JsonNode state = server.get(path);
      String status = state.path("status").asText();
      if (!status.equals(lastStatus)) {
        io.out().println(id + " " + status);
        lastStatus = status;
      }
      RunStatus now = RunStatus.valueOf(status);
      boolean done = untilEnd ? now.isFinal() : now != RunStatus.RUNNING;
      if (done) {
        RunLines.print(state, connection, io.out());
        return ExitCode.of(state);
      }
      try {
        Thread.sleep(EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while waiting for " + id);
      }
    }
  }
}
