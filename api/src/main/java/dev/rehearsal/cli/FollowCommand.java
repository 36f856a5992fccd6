package dev.rehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code follow ID [--until signoff|end]} (and {@code start ... --follow}): one line per step event while the run goes
 * on, then where to look, and the exit code of what the run came to. Re-attaching to a run (a pipeline's next job)
 * first tells what it has done so far.
 */
final class FollowCommand {
  static final String USAGE = "follow ID [--until signoff|end]";
  private static final Set<String> OPTIONS = Set.of("--url", "--token-file", "--until");

  private FollowCommand() {}

  static ExitCode run(List<String> argv, Terminal io) {
    CliArgs args = CliArgs.parse(argv, OPTIONS, Set.of());
    String id = RunIds.checked(args.positionals("ID").get(0));
    boolean untilEnd = RunWaiter.untilEnd(args.option("--until"));
    Connection connection = Connection.of(args, io.env());
    return follow(new ServerClient(connection), connection, id, untilEnd, io);
  }

  static ExitCode follow(ServerClient server, Connection connection, String id, boolean untilEnd, Terminal io) {
    FollowPrinter printer = FollowPrinter.onStdout(io.out(), io.env());
    JsonNode end;
    try {
      end = RunWaiter.await(server, id, untilEnd, io, printer);
    } catch (ServerUnavailable lost) {
      // The server was lost for good, the run goes on without its follower: say where to look for it.
      printer.clearProgress();
      if (server.answered()) {
        RunLines.whereToLook(id, connection, io.out());
      }
      throw lost;
    } finally {
      printer.clearProgress();
    }
    RunLines.whereToLook(id, connection, io.out());
    return ExitCode.of(end);
  }
}
